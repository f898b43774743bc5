// One database handle for the app: PGlite (embedded) when DATABASE_URL is unset, postgres.js otherwise.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createFromTemplate } from "@/db/pglite-template";
import { env } from "@/lib/env";
import * as schema from "@/db/schema";

/** Both drivers expose the same query API; the app is typed against one of them. */
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database handle or an open transaction: queries that must join a caller's transaction take this. */
export type Executor = Database | Transaction;

export type DatabaseHandle =
  | { db: Database; close: () => Promise<void>; kind: "pglite"; pglite: PGlite }
  /** `pglite`, `sql`: the client under `db`, for the few statements sent without drizzle (db/read-then-write.ts). */
  | { db: Database; close: () => Promise<void>; kind: "postgres"; sql: postgres.Sql };

export const pgliteExtensions = { pg_trgm };

/** The rows of `db.execute(…)`: postgres.js returns them as the result, PGlite in an object that holds them. */
export function executedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

export function openPglite(pglite: PGlite): DatabaseHandle {
  const db = drizzlePglite({ client: pglite, schema, casing: "snake_case" }) as unknown as Database;
  return { db, close: () => pglite.close(), kind: "pglite", pglite };
}

/**
 * Connection settings chosen on purpose (defaults from lib/env.ts):
 * - `max`: connections per app instance; N instances open up to N × max, which must stay under the server's
 *   (or the pooler's) limit.
 * - `prepare`: named prepared statements; false behind a transaction-mode pooler (PgBouncer), where the next
 *   statement of a connection may reach another server connection that never saw the PREPARE.
 * - `connectTimeoutSeconds`: how long a request waits for a connection to open; the driver's 30 s default held
 *   requests half a minute while the server restarted.
 * - `idleTimeoutSeconds`: idle connections are closed, so sockets a restart left dead are not kept for long.
 * - `maxLifetimeSeconds`: every connection is replaced after this long (± the driver's jitter), so server-side
 *   caches are renewed and a pool never outlives a failover by much.
 */
export type PostgresOptions = {
  max?: number;
  prepare?: boolean;
  connectTimeoutSeconds?: number;
  idleTimeoutSeconds?: number;
  maxLifetimeSeconds?: number;
};

export function openPostgres(url: string, options: number | PostgresOptions = {}): DatabaseHandle {
  const settings = typeof options === "number" ? { max: options } : options;
  const sql = postgres(url, {
    max: settings.max ?? env.DATABASE_POOL_MAX,
    prepare: settings.prepare ?? env.DATABASE_PREPARE === "true",
    connect_timeout: settings.connectTimeoutSeconds ?? env.DATABASE_CONNECT_TIMEOUT_SECONDS,
    idle_timeout: settings.idleTimeoutSeconds ?? env.DATABASE_IDLE_TIMEOUT_SECONDS,
    max_lifetime: settings.maxLifetimeSeconds ?? env.DATABASE_MAX_LIFETIME_SECONDS,
    connection: { application_name: "portail-parents" },
    onnotice: () => {},
  });
  const db = drizzlePostgres({ client: sql, schema, casing: "snake_case" });
  return { db, close: () => sql.end({ timeout: 5 }), kind: "postgres", sql };
}

function openDefault(): DatabaseHandle {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  const dir = path.resolve(env.PGLITE_DIR);
  // A first start unpacks the prebuilt empty cluster instead of running initdb (see pglite-template.ts).
  createFromTemplate(dir);
  mkdirSync(dir, { recursive: true });
  return openPglite(new PGlite(dir, { extensions: pgliteExtensions }));
}

const globalForDb = globalThis as unknown as { __portalDb?: DatabaseHandle };

/** Cached on globalThis so dev reloads (and test setup) share one handle. */
export function databaseHandle(): DatabaseHandle {
  globalForDb.__portalDb ??= openDefault();
  return globalForDb.__portalDb;
}

export function setDatabaseHandle(handle: DatabaseHandle) {
  globalForDb.__portalDb = handle;
}

/** Lazily opened, so importing a module never opens the database (e.g. during `next build`). */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const real = databaseHandle().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as Function).bind(real) : value;
  },
});
