// Prepares one migrated database for the whole run: a PGlite dump each test file loads (fast),
// or, with TEST_DATABASE_URL, a clean schema on that PostgreSQL server.
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openPglite, openPostgres, pgliteExtensions } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe("drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;");
    await admin.end();
    const handle = openPostgres(url, 1);
    await migrateDatabase(handle);
    await handle.close();
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
