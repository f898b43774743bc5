// Applies the committed drizzle-kit migrations with the driver in use.
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
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
  if (handle.kind === "postgres" && settings.owner && settings.owner !== settings.app) {
    const ownerHandle = openPostgres(settings.owner, 1);
    try {
      await migrateDatabase(ownerHandle);
    } finally {
      await ownerHandle.close();
    }
    return;
  }
  await migrateDatabase(handle);
}
