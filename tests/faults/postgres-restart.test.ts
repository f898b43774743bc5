// PostgreSQL restarts under load: the pool recovers at once, and association attempts are neither lost nor
// duplicated. Also behind PgBouncer in transaction mode (no prepared statements).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sql } from "drizzle-orm";
import { openPostgres, setDatabaseHandle, type DatabaseHandle } from "@/db/client";
import { associateByMatch } from "@/db/queries/associations";
import { guardianEmails, parentAccounts, schoolBoards, schools, students } from "@/db/schema";
import { foldForSearch } from "@/lib/names";
import { isServiceUnavailable } from "@/lib/service-availability";
import { databaseUrl, restartCluster, startPgBouncer, type Pooler } from "@/tests/faults/helpers/cluster";

const cluster = inject("faultsCluster");
const PARENTS = 6000;
const WORKERS = 8;

type Call = { parent: number; startedAt: number; ms: number; outcome: "acknowledged" | "unavailable"; ok?: boolean; error?: string };

/** The driver's or server's code and message under the query builder's wrapper. */
function describe_(error: unknown): string {
  let current = error as { code?: string; message?: string; cause?: unknown } | undefined;
  while (current?.cause) current = current.cause as typeof current;
  return `${current?.code ?? "?"} ${current?.message ?? String(error)}`.slice(0, 160);
}

let board: { id: number };
const parentIds: string[] = [];

/** PARENTS parents, each the guardian of one student: attempt i associates parent i with student i. */
async function seed(handle: DatabaseHandle) {
  const db = handle.db;
  parentIds.length = 0;
  await db.execute(sql`truncate table association_attempts, associations, guardian_emails, students, parent_accounts, schools, school_boards restart identity cascade`);
  [board] = await db.insert(schoolBoards).values({ code: "FAULT", name: "CSS des Pannes", kind: "css", subscribed: true }).returning({ id: schoolBoards.id });
  const [school] = await db.insert(schools).values({ boardId: board.id, code: "001", name: "École des Redémarrages" }).returning({ id: schools.id });
  const parents = await db
    .insert(parentAccounts)
    .values(Array.from({ length: PARENTS }, (_, i) => ({ email: `parent${i}@pannes.test`, passwordHash: "unused", emailVerifiedAt: new Date() })))
    .returning({ id: parentAccounts.id, email: parentAccounts.email });
  parents.sort((a, b) => Number(a.email.match(/\d+/)![0]) - Number(b.email.match(/\d+/)![0]));
  parentIds.push(...parents.map((p) => p.id));
  const kids = await db
    .insert(students)
    .values(
      Array.from({ length: PARENTS }, (_, i) => ({
        boardId: board.id, schoolId: school!.id, fiche: String(2_000_000 + i), lastName: "Tremblay", firstName: `Enfant${i}`,
        birthDate: "2015-03-14", searchName: foldForSearch(`Tremblay Enfant${i}`),
      })),
    )
    .returning({ id: students.id, fiche: students.fiche });
  await db.insert(guardianEmails).values(kids.map((k) => ({ studentId: k.id, email: `parent${Number(k.fiche) - 2_000_000}@pannes.test`, position: 1 })));
}

function attempt(i: number) {
  return associateByMatch({
    parentAccountId: parentIds[i]!,
    accountEmail: `parent${i}@pannes.test`,
    boardId: board.id,
    lastName: "Tremblay",
    firstName: `Enfant${i}`,
    birthDate: "2015-03-14",
    identifier: String(2_000_000 + i),
    ip: `198.51.100.${i % 250}`,
    userAgent: "fault-test",
  });
}

/** Runs attempts with WORKERS at a time while `during` restarts the server; returns every call's outcome. */
async function underLoad(during: () => Promise<Restart[]>) {
  const calls: Call[] = [];
  let next = 0;
  let running = true;
  const unexpected: unknown[] = [];
  const worker = async () => {
    while (running && next < PARENTS) {
      const parent = next++;
      const startedAt = performance.now();
      try {
        const outcome = await attempt(parent);
        calls.push({ parent, startedAt, ms: performance.now() - startedAt, outcome: "acknowledged", ok: outcome.ok });
      } catch (error) {
        if (!isServiceUnavailable(error)) unexpected.push(describe_(error));
        calls.push({ parent, startedAt, ms: performance.now() - startedAt, outcome: "unavailable", error: describe_(error) });
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  const restarts = await during();
  running = false;
  await Promise.all(workers);
  return { calls, restarts, unexpected };
}

type Restart = { began: number; ready: number; quietUntil: number };

/** Three fast restarts, 2 s of load after each; returns when each began and when the server was back. */
async function threeRestarts(): Promise<Restart[]> {
  const restarts: Restart[] = [];
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (let round = 0; round < 3; round++) {
    const began = performance.now();
    await restartCluster(cluster);
    const ready = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    restarts.push({ began, ready, quietUntil: performance.now() });
  }
  return restarts;
}

async function reconcile(handle: DatabaseHandle, calls: Call[]) {
  const rows = await handle.db.execute<{ parent_account_id: string; attempts: number; associations: number }>(sql`
    select p.id as parent_account_id,
      (select count(*)::int from association_attempts a where a.parent_account_id = p.id) as attempts,
      (select count(*)::int from associations s where s.parent_account_id = p.id) as associations
    from parent_accounts p`);
  const byParent = new Map(Array.from(rows, (r) => [r.parent_account_id, r]));
  let lost = 0;
  let duplicated = 0;
  let unavailableButCommitted = 0;
  for (const call of calls) {
    const row = byParent.get(parentIds[call.parent]!)!;
    if (row.attempts > 1 || row.associations > 1) duplicated++;
    if (call.outcome === "acknowledged" && (row.attempts !== 1 || (call.ok && row.associations !== 1))) lost++;
    if (call.outcome === "unavailable" && row.attempts === 1) unavailableButCommitted++;
  }
  const called = new Set(calls.map((c) => parentIds[c.parent]));
  const stray = Array.from(rows).filter((r) => !called.has(r.parent_account_id) && r.attempts > 0).length;
  return { lost, duplicated, stray, unavailableButCommitted };
}

/** The calls made while the server was back and not restarting again: each must be answered within 1 s. */
function summary(label: string, calls: Call[], restarts: Restart[]) {
  const after = calls.filter((c) => restarts.some((r) => c.startedAt >= r.ready && c.startedAt + c.ms <= r.quietUntil));
  const failedAfter = after.filter((c) => c.outcome !== "acknowledged" || c.ms >= 1_000);
  if (failedAfter.length > 0) console.log(`[faults] ${label}: slow or failed after a restart: ${JSON.stringify(failedAfter.slice(0, 10))}`);
  const sorted = after.map((c) => c.ms).sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length * 0.5)] ?? 0;
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const slowest = sorted.at(-1) ?? 0;
  const firstAnswer = restarts.map((r) => {
    const first = calls.filter((c) => c.outcome === "acknowledged" && c.startedAt >= r.ready).sort((a, b) => a.startedAt - b.startedAt)[0];
    return first ? Math.round(first.startedAt + first.ms - r.ready) : -1;
  });
  console.log(
    `[faults] ${label}: ${calls.length} attempts, ${calls.filter((c) => c.outcome === "acknowledged").length} answered, ` +
      `${calls.filter((c) => c.outcome === "unavailable").length} 'service unavailable' (during the restarts); ` +
      `restarts took ${restarts.map((r) => Math.round(r.ready - r.began)).join(", ")} ms; first answer ${firstAnswer.join(", ")} ms after each; ` +
      `after the restarts ${after.length} attempts, p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms`,
  );
  return { after, failedAfter };
}

describe("PostgreSQL restarts", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = openPostgres(databaseUrl(cluster.port), { max: 8 });
    setDatabaseHandle(handle);
    await seed(handle);
  });
  afterAll(() => handle.close());

  it("a transaction whose server connection is killed mid-statement leaves its pool slot usable", async () => {
    const single = openPostgres(databaseUrl(cluster.port), { max: 1 });
    try {
      for (let round = 0; round < 3; round++) {
        const killed = single.db.transaction(async (tx) => {
          const [{ pid }] = Array.from(await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`));
          setTimeout(() => handle.db.execute(sql`select pg_terminate_backend(${pid}::int)`).then(() => {}, () => {}), 200);
          await tx.execute(sql`select pg_sleep(3)`);
        });
        await expect(killed).rejects.toSatisfy(isServiceUnavailable);
        for (let query = 0; query < 3; query++) {
          const began = performance.now();
          await single.db.execute(sql`select 1`);
          expect(performance.now() - began).toBeLessThan(1_000);
        }
      }
    } finally {
      await single.close();
    }
  });

  it("three restarts under load: every attempt after a restart answers within 1 s, none lost, none duplicated", async () => {
    const { calls, restarts, unexpected } = await underLoad(threeRestarts);
    expect(unexpected).toEqual([]);
    const { after, failedAfter } = summary("direct", calls, restarts);
    expect(after.length).toBeGreaterThan(20);
    expect(failedAfter).toEqual([]);
    const reconciled = await reconcile(handle, calls);
    console.log(`[faults] direct reconciliation: ${JSON.stringify(reconciled)}`);
    expect(reconciled).toMatchObject({ lost: 0, duplicated: 0, stray: 0 });
  });
});

describe("behind PgBouncer in transaction mode", () => {
  let pooler: Pooler;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    pooler = await startPgBouncer(cluster);
    handle = openPostgres(databaseUrl(pooler.port), { max: 8, prepare: false });
    setDatabaseHandle(handle);
    await seed(handle);
  });
  afterAll(async () => {
    await handle.close();
    await pooler.stop();
  });

  it("restarts of the server behind the pooler: same guarantees", async () => {
    const { calls, restarts, unexpected } = await underLoad(threeRestarts);
    expect(unexpected).toEqual([]);
    const { after, failedAfter } = summary("through PgBouncer", calls, restarts);
    expect(after.length).toBeGreaterThan(20);
    expect(failedAfter).toEqual([]);
    const reconciled = await reconcile(handle, calls);
    console.log(`[faults] PgBouncer reconciliation: ${JSON.stringify(reconciled)}`);
    expect(reconciled).toMatchObject({ lost: 0, duplicated: 0, stray: 0 });
  });
});
