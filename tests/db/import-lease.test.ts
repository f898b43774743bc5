// An import run being read holds a lease: an interrupted upload is failed and its staging table dropped.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db, executedRows } from "@/db/client";
import { importRuns } from "@/db/schema";
import { createStagingTable } from "@/db/queries/import-staging";
import {
  dryRunImport,
  IMPORT_LEASE_MS,
  ImportLeaseLost,
  importRunProgress,
  reapImportRuns,
  startImportRun,
} from "@/db/queries/student-import";
import { importCsvLine, importHeaderLine } from "@/lib/import/columns";
import { createBoardWithSchool } from "@/tests/helpers/school-fixtures";
import { boardSupportOf } from "@/tests/helpers/staff-fixtures";

async function stagingExists(runId: number): Promise<boolean> {
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_tables where tablename = ${`import_stage_${runId}`}`);
  return executedRows<{ n: number }>(result)[0]!.n === 1;
}

async function runOf(id: number) {
  const [run] = await db.select().from(importRuns).where(eq(importRuns.id, id));
  return run!;
}

async function startedRun() {
  const { board, school } = await createBoardWithSchool();
  const staff = await boardSupportOf(board);
  const started = await startImportRun({ scope: staff.scope, staffId: staff.staff.id, boardId: board.id, fileName: "eleves.csv" });
  if (!started.ok) throw new Error(started.error);
  return { board, school, staff, runId: started.runId };
}

const passLease = (runId: number) =>
  db.update(importRuns).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(importRuns.id, runId));

describe("import run leases", () => {
  it("starts a run with a lease of a couple of minutes", async () => {
    const { runId } = await startedRun();
    const run = await runOf(runId);
    expect(run.status).toBe("reading");
    expect(run.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + IMPORT_LEASE_MS - 10_000);
  });

  it("fails a run whose reader vanished and drops its staging table; a run with a live lease is left alone", async () => {
    const gone = await startedRun();
    const alive = await startedRun();
    await createStagingTable(db, gone.runId);
    await createStagingTable(db, alive.runId);
    await passLease(gone.runId);

    expect(await reapImportRuns()).toEqual([gone.runId]);
    expect(await runOf(gone.runId)).toMatchObject({ status: "failed", failure: { failure: "lease_expired" }, leaseUntil: null });
    expect(await stagingExists(gone.runId)).toBe(false);
    expect((await runOf(alive.runId)).status).toBe("reading");
    expect(await stagingExists(alive.runId)).toBe(true);
    expect(await reapImportRuns()).toEqual([]);
  });

  it("reports the interrupted run as failed to the page that polls its progress", async () => {
    const { staff, runId } = await startedRun();
    await passLease(runId);
    expect(await importRunProgress(staff.scope, runId)).toMatchObject({ status: "failed" });
  });

  it("stops a reader that comes back after its run was failed, and leaves no staging table", async () => {
    const { board, school, staff, runId } = await startedRun();
    const lines = [importHeaderLine(",")];
    for (let i = 1; i <= 50; i++) {
      lines.push(importCsvLine({ organisme: board.code, ecole: school.code, fiche: String(1000000 + i), code_permanent: "", nom: "Côté", prenom: `Élève ${i}`, date_naissance: "2015-03-14", niveau: "", courriel_1: "", courriel_2: "" }, ","));
    }
    const bytes = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
    let resume!: () => void;
    const stalled = new Promise<void>((resolve) => (resume = resolve));
    let reached!: () => void;
    const halfway = new Promise<void>((resolve) => (reached = resolve));
    async function* source() {
      yield bytes.subarray(0, bytes.length >> 1);
      reached();
      await stalled; // the connection hangs; meanwhile the lease runs out
      yield bytes.subarray(bytes.length >> 1);
    }
    const reading = dryRunImport({ scope: staff.scope, runId, source: source() });
    await halfway;
    await passLease(runId);
    expect(await reapImportRuns()).toEqual([runId]);
    resume();
    await expect(reading).rejects.toBeInstanceOf(ImportLeaseLost);
    expect(await runOf(runId)).toMatchObject({ status: "failed", failure: { failure: "lease_expired" } });
    expect(await stagingExists(runId)).toBe(false);
  });
});
