import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { databaseReadiness } from "@/db/queries/health";
import { migrationsFolder } from "@/db/migrate";
import type { Executor } from "@/db/client";
import { GET as liveness } from "@/app/api/health/route";
import { GET as readiness } from "@/app/api/health/ready/route";

const scratch = mkdtempSync(path.join(os.tmpdir(), "health-migrations-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the migrations folder with one more migration than the database has. */
function folderWithAPendingMigration(): string {
  const folder = path.join(scratch, "migrations");
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8"));
  const last = journal.entries.at(-1);
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: "9999_not_applied" });
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

// The readiness check allows the database 2 s; a test file's first query also opens its database, which can take
// longer than that on a loaded machine, so the database is opened before the checks.
beforeAll(async () => {
  await db.execute(sql`select 1`);
});

describe("health endpoints", () => {
  it("answers liveness without the database", async () => {
    const response = liveness();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("is ready when the database answers and every migration is applied", async () => {
    const response = await readiness();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("ready");
    expect(body.migrations.applied).toBe(body.migrations.expected);
  });

  it("is not ready while a committed migration is not applied", async () => {
    expect(await databaseReadiness({ folder: folderWithAPendingMigration() })).toMatchObject({
      ready: false,
      reason: "migrationsPending",
    });
  });

  it("is not ready when the database does not answer in time", async () => {
    const hanging = { execute: () => new Promise(() => {}) } as unknown as Executor;
    expect(await databaseReadiness({ executor: hanging, timeoutMs: 50 })).toEqual({ ready: false, reason: "databaseUnreachable" });
    const failing = { execute: () => Promise.reject(new Error("connection refused")) } as unknown as Executor;
    expect(await databaseReadiness({ executor: failing })).toEqual({ ready: false, reason: "databaseUnreachable" });
  });
});
