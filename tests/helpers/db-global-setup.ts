// Prepares one migrated database for the whole run: a PGlite dump each test file loads (fast),
// or, with TEST_DATABASE_URL, a clean schema on that PostgreSQL server, migrated by the schema's owner.
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openPglite, openPostgres, pgliteExtensions } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { grantAppRole } from "@/db/roles";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { appDatabaseUrl, appRunsAsOtherRole, ownerDatabaseUrl } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}

export default async function setup(project: TestProject) {
  if (appDatabaseUrl && ownerDatabaseUrl) {
    await recreateSchema(ownerDatabaseUrl);
    const handle = openPostgres(ownerDatabaseUrl, 1);
    await migrateDatabase(handle);
    await handle.close();
    if (appRunsAsOtherRole) await grantRowsToApp(ownerDatabaseUrl, appDatabaseUrl);
    return;
  }
  const pglite = new PGlite({ extensions: pgliteExtensions });
  const handle = openPglite(pglite);
  await migrateDatabase(handle);
  const dump = await pglite.dumpDataDir("none");
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-test-db-"));
  const file = path.join(dir, "migrated.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("pgliteDump", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function recreateSchema(ownerUrl: string) {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await owner.unsafe("drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;");
    // The importer's staging schema (db/roles.ts) keeps the app role's staging tables from one run to the next, where
    // the next run's tests would find them: dropped too by a superuser. The app role's pass cannot (its owner role
    // does not own that schema), but `npm run db:roles` has just made it anew for it.
    await owner.unsafe(`do $$ begin
      if (select rolsuper from pg_roles where rolname = current_user) then drop schema if exists import_staging cascade; end if;
    end $$;`);
  } catch (error) {
    const hint = appRunsAsOtherRole ? " (run `npm run db:roles` on this database first: the owner role must own the schema)" : "";
    throw new Error(`cannot recreate the test schema as ${new URL(ownerUrl).username || "the default user"}${hint}`, { cause: error });
  } finally {
    await owner.end();
  }
}

/** The fresh schema belongs to the owner; the app's role gets row access, as `npm run db:roles` grants it. */
async function grantRowsToApp(ownerUrl: string, appUrl: string) {
  const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const app = postgres(appUrl, { max: 1, onnotice: () => {} });
  try {
    const [ownerRole] = await owner<{ name: string }[]>`select current_user as name`;
    const [appRole] = await app<{ name: string }[]>`select current_user as name`;
    await grantAppRole(owner, { owner: ownerRole!.name, app: appRole!.name });
  } finally {
    await Promise.all([owner.end(), app.end()]);
  }
}
