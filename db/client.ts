// One database handle for the app: PGlite (embedded) when DATABASE_URL is unset, postgres.js otherwise.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "@/db/schema";

/** Both drivers expose the same query API; the app is typed against one of them. */
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database handle or an open transaction: queries that must join a caller's transaction take this. */
export type Executor = Database | Transaction;

export type DatabaseHandle = { db: Database; close: () => Promise<void>; kind: "pglite" | "postgres" };

export const pgliteExtensions = { pg_trgm };

export function openPglite(pglite: PGlite): DatabaseHandle {
  const db = drizzlePglite({ client: pglite, schema, casing: "snake_case" }) as unknown as Database;
  return { db, close: () => pglite.close(), kind: "pglite" };
}

export function openPostgres(url: string, max = 10): DatabaseHandle {
  const sql = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres({ client: sql, schema, casing: "snake_case" });
  return { db, close: () => sql.end(), kind: "postgres" };
}

function openDefault(): DatabaseHandle {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  const dir = path.resolve(env.PGLITE_DIR);
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
