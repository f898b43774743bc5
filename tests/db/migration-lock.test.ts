// Several instances starting at once on a database with pending migrations (a deploy): one applies them, the others
// wait and find nothing left to do. PostgreSQL only (PGlite is one process); it creates a database of its own.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPostgres } from "@/db/client";
import { migrateAsOwner, migrationsFolder } from "@/db/migrate";
import { appDatabaseUrl, appRunsAsOtherRole } from "@/tests/helpers/test-database";

function withDatabase(url: string, database: string): string {
  const other = new URL(url);
  other.pathname = `/${database}`;
  return other.toString();
}

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };

describe.skipIf(!appDatabaseUrl || appRunsAsOtherRole)("migrations at start-up (PostgreSQL)", () => {
  it("lets three instances started at once on an empty database all start, each migration applied once", async () => {
    const name = `portail_migration_race_${randomBytes(4).toString("hex")}`;
    const admin = postgres(appDatabaseUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = withDatabase(appDatabaseUrl!, name);
    const instances = [openPostgres(url, 3), openPostgres(url, 3), openPostgres(url, 3)];
    try {
      const started = await Promise.allSettled(instances.map((handle) => migrateAsOwner(handle, { app: url, owner: url })));
      expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "started"))).toEqual(["started", "started", "started"]);
      const [row] = (await instances[0]!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { n: number }[];
      expect(row!.n).toBe(journal.entries.length);
    } finally {
      await Promise.all(instances.map((handle) => handle.close()));
      await admin.unsafe(`drop database "${name}" with (force)`);
      await admin.end();
    }
  }, 180_000);
});
