// The database tests' two connections on PostgreSQL. TEST_DATABASE_URL is the app's, as the code under test
// connects; TEST_MIGRATION_DATABASE_URL (TEST_DATABASE_URL unless set) is the schema owner's, which recreates and
// migrates the schema, empties the tables between files, and installs the triggers some tests use to force a
// failure — none of which the app's least-privilege role may do (db/roles.ts).
import { db, openPostgres, type Database, type DatabaseHandle } from "@/db/client";

export const appDatabaseUrl = process.env.TEST_DATABASE_URL;
export const ownerDatabaseUrl = process.env.TEST_MIGRATION_DATABASE_URL || appDatabaseUrl;
/** True when the app's connection is another role than the owner's (CI's "tests (app role)" pass). */
export const appRunsAsOtherRole = Boolean(appDatabaseUrl && ownerDatabaseUrl !== appDatabaseUrl);

let ownerHandle: DatabaseHandle | undefined;

/** The owner's connection for a test's own DDL; the app's handle when both are one role (and on PGlite). */
export function ownerDb(): Database {
  if (!appRunsAsOtherRole) return db;
  ownerHandle ??= openPostgres(ownerDatabaseUrl!, 2);
  return ownerHandle.db;
}

export async function closeOwnerDb(): Promise<void> {
  await ownerHandle?.close();
  ownerHandle = undefined;
}
