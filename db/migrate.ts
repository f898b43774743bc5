// Applies the committed drizzle-kit migrations with the driver in use.
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { sql } from "drizzle-orm";
import { openPostgres, type DatabaseHandle } from "@/db/client";
import { env } from "@/lib/env";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export async function migrateDatabase(handle: DatabaseHandle) {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase<Record<string, unknown>>, { migrationsFolder });
  } else {
    await migratePostgres(handle.db, { migrationsFolder });
  }
}

/**
 * The migrations as the schema's owner: through MIGRATION_DATABASE_URL when it names another connection than
 * DATABASE_URL (the app then runs as a role that may only read and write rows, see db/roles.ts), else through the
 * app's own handle.
 */
export async function migrateAsOwner(handle: DatabaseHandle, settings = { app: env.DATABASE_URL, owner: env.MIGRATION_DATABASE_URL }) {
  if (handle.kind !== "postgres" || !settings.app) {
    await migrateDatabase(handle);
    return;
  }
  if (settings.owner && settings.owner !== settings.app) {
    const ownerHandle = openPostgres(settings.owner, 1);
    try {
      await oneMigratorAtATime(settings.owner, () => migrateDatabase(ownerHandle));
    } finally {
      await ownerHandle.close();
    }
    return;
  }
  await oneMigratorAtATime(settings.app, () => migrateDatabase(handle));
}

/**
 * Instances started together (a deploy, a restart of several) would each apply the pending migrations at once, and
 * all but one fail on the others' half-made changes. A transaction-scoped advisory lock, held on a connection of its
 * own while the migrator works on another, lets one apply them while the others wait and then find nothing to do;
 * being transaction-scoped, it also holds through PgBouncer in transaction mode.
 */
async function oneMigratorAtATime(url: string, migrate: () => Promise<void>) {
  const lock = openPostgres(url, 1);
  try {
    await lock.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('portail-parents:migrations'))`);
      await migrate();
    });
  } finally {
    await lock.close();
  }
}
