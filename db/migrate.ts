// Applies the committed drizzle-kit migrations with the driver in use.
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "@/db/client";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export async function migrateDatabase(handle: DatabaseHandle) {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase<Record<string, unknown>>, { migrationsFolder });
  } else {
    await migratePostgres(handle.db, { migrationsFolder });
  }
}
