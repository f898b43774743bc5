// Readiness for a load balancer: the database answers and every committed migration has been applied.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { db, executedRows, type Executor } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";

export type Readiness =
  | { ready: true; migrations: { applied: number; expected: number } }
  | { ready: false; reason: "databaseUnreachable" }
  | { ready: false; reason: "migrationsPending"; migrations: { applied: number; expected: number } };

type JournalEntry = { when: number; tag: string };

function committedMigrations(folder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries;
}

/** drizzle's migrator records each applied migration with its folder timestamp (created_at). */
export async function databaseReadiness(
  options: { executor?: Executor; folder?: string; timeoutMs?: number } = {},
): Promise<Readiness> {
  const executor = options.executor ?? db;
  const expected = committedMigrations(options.folder ?? migrationsFolder);
  const latest = Math.max(0, ...expected.map((entry) => entry.when));
  const query = async () => {
    const table = await executor.execute<{ exists: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
    if (!executedRows<{ exists: boolean }>(table)[0]?.exists) return [] as number[];
    const rows = await executor.execute<{ created_at: string | number }>(sql`select created_at from drizzle.__drizzle_migrations`);
    return executedRows<{ created_at: string | number }>(rows).map((row) => Number(row.created_at));
  };
  let applied: number[];
  try {
    applied = await withTimeout(query(), options.timeoutMs ?? 2_000);
  } catch {
    return { ready: false, reason: "databaseUnreachable" };
  }
  const counts = { applied: applied.length, expected: expected.length };
  const newestApplied = Math.max(0, ...applied);
  if (newestApplied < latest || applied.length < expected.length) return { ready: false, reason: "migrationsPending", migrations: counts };
  return { ready: true, migrations: counts };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
