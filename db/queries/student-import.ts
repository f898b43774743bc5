// Student record imports: a dry run streams the file into a staging table and diffs it against the board's records
// with set-based SQL; applying upserts, archives and audits in one transaction. Scoped: admins, or board support
// for their own board.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { db, executedRows, type Executor, type Transaction } from "@/db/client";
import { auditLog, guardianEmails, importRuns, schoolBoards, schools, staffUsers, students, type ImportRun } from "@/db/schema";
import {
  analyzeStagingTable,
  createStagingTable,
  dropStagingTable,
  openRawWriter,
  openStagingWriter,
  rawWriterTakesBytes,
  stagingRowOf,
  stagingTable,
  type RawWriter,
  type StagingTable,
} from "@/db/queries/import-staging";
import type { StaffScope } from "@/lib/auth/scope";
import { activeStaffRole } from "@/db/queries/staff";
import { canImportInto, canSeeImportRun, mayImportAs, mayImportAtAll } from "@/lib/import/access";
import { readImportFile, type ReadResult, type StageRecord } from "@/lib/import/reader";
import { checkRawLines, dropRecheckTable, recheckLines } from "@/db/queries/import-check";
import {
  boardsOfUnchanged,
  createUnchangedTable,
  markUnchangedLines,
  rawLayout,
  recheckChangedSince,
  stageRepeatedUnchanged,
  type UnchangedContext,
} from "@/db/queries/import-unchanged";
import {
  EMPTY_CHANGES_SAMPLE,
  type ChangesSample,
  type DiffCounts,
  type ImportCounts,
  type RejectedLine,
  type StudentSample,
} from "@/lib/import/report";
import { normalizeCode, schoolKey, validateRow, type RowContext } from "@/lib/import/row";
import {
  archiveGone,
  auditGuardianEmailChanges,
  changesAnything,
  computeDiff,
  diffCounts,
  preferBulkJoins,
  replaceGuardianEmails,
  sampleChanges,
  upsertStudents,
} from "@/db/queries/import-diff";
import { isoDateIn } from "@/lib/birth-date";
import { startPeriodicJob } from "@/lib/periodic-job";

const REJECTED_SAMPLE_SIZE = 100;
/** Progress is written to import_runs at most this often while the file streams in. */
const PROGRESS_INTERVAL_MS = 500;
/**
 * A run being read holds a lease, renewed with each progress write and before each phase of the dry run. A run
 * whose lease ran out (the upload stopped, the server restarted mid-file) is failed and its staging table dropped.
 */
export const IMPORT_LEASE_MS = 2 * 60_000;

const leaseFrom = (now: number) => new Date(now + IMPORT_LEASE_MS);

/** The run lost its lease (it was failed as interrupted) while this process was still reading it. */
export class ImportLeaseLost extends Error {
  constructor(runId: number) {
    super(`import run ${runId} lost its lease`);
    this.name = "ImportLeaseLost";
  }
}

/** Renews a reading run's lease; throws ImportLeaseLost if the run is no longer being read. */
async function renewLease(runId: number, progress: { bytesRead?: number; linesRead?: number } = {}) {
  const renewed = await db
    .update(importRuns)
    .set({ ...progress, leaseUntil: leaseFrom(Date.now()), updatedAt: new Date() })
    .where(and(eq(importRuns.id, runId), eq(importRuns.status, "reading")))
    .returning({ id: importRuns.id });
  if (renewed.length === 0) throw new ImportLeaseLost(runId);
}

/**
 * Fails the runs still `reading` whose lease ran out, and drops the staging tables no run needs any more (of runs
 * failed, expired or applied, or gone). A table still locked by a reader is left for the next pass.
 * Returns the ids of the runs it failed.
 */
export async function reapImportRuns(now: Date = new Date()): Promise<number[]> {
  const failed = await db
    .update(importRuns)
    .set({ status: "failed", failure: { failure: "lease_expired" }, leaseUntil: null, updatedAt: now })
    .where(and(eq(importRuns.status, "reading"), sql`${importRuns.leaseUntil} < ${now.toISOString()}::timestamptz`))
    .returning({ id: importRuns.id });
  const tables = await db.execute<{ tablename: string }>(sql`
    select t.tablename from pg_tables t
    where t.schemaname = current_schema() and t.tablename ~ '^import_(stage|raw|recheck|same)_[0-9]+$'
      and not exists (select 1 from ${importRuns} r
        where r.id = substring(t.tablename from '[0-9]+$')::int and r.status in ('reading', 'ready'))`);
  for (const { tablename } of executedRows<{ tablename: string }>(tables)) {
    const runId = Number(tablename.slice(tablename.lastIndexOf("_") + 1));
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '1s'`);
        await dropStagingTable(tx, runId);
      });
    } catch {
      // Still in use (a COPY that has not noticed its run failed): the next pass drops it.
    }
  }
  return failed.map((r) => r.id);
}

/** Receives how long each phase took (the bench prints them). */
export type PhaseTimer = (phase: string, ms: number) => void;

async function timed<T>(timer: PhaseTimer | undefined, phase: string, work: () => Promise<T>): Promise<T> {
  const begin = performance.now();
  const result = await work();
  timer?.(phase, performance.now() - begin);
  return result;
}

export type ImportRunRefusal = "forbidden" | "not_found" | "unknown_board" | "not_ready" | "already_applied" | "expired";

// ---------- starting a run ----------

export async function startImportRun(input: {
  scope: StaffScope;
  staffId: string;
  /** The board to import into; null for every board the file names (admins only). */
  boardId: number | null;
  fileName: string;
  totalBytes?: number | null;
}): Promise<{ ok: true; runId: number } | { ok: false; error: ImportRunRefusal }> {
  if (!canImportInto(input.scope, input.boardId)) return { ok: false, error: "forbidden" };
  if (!mayImportAs(await activeStaffRole(db, input.staffId))) return { ok: false, error: "forbidden" };
  await reapImportRuns();
  if (input.boardId !== null) {
    const [board] = await db.select({ id: schoolBoards.id }).from(schoolBoards).where(eq(schoolBoards.id, input.boardId));
    if (!board) return { ok: false, error: "unknown_board" };
  }
  const [run] = await db
    .insert(importRuns)
    .values({
      boardId: input.boardId,
      staffUserId: input.staffId,
      fileName: input.fileName.slice(0, 255) || "import.csv",
      totalBytes: input.totalBytes ?? null,
      leaseUntil: leaseFrom(Date.now()),
    })
    .returning({ id: importRuns.id });
  return { ok: true, runId: run!.id };
}

// ---------- the dry run ----------

async function boardAndSchoolMaps() {
  const [boardRows, schoolRows] = await Promise.all([
    db.select({ id: schoolBoards.id, code: schoolBoards.code }).from(schoolBoards),
    db.select({ id: schools.id, boardId: schools.boardId, code: schools.code }).from(schools),
  ]);
  return {
    boards: new Map(boardRows.map((b) => [normalizeCode(b.code), b.id])),
    schools: new Map(schoolRows.map((s) => [schoolKey(s.boardId, s.code), s.id])),
    /** The codes as stored ("011"), which an export writes as they are (import-unchanged.ts). */
    storedCodes: { boards: boardRows, schools: schoolRows },
  };
}

/** Boards a run covers: its own, or (admin, whole-file run) every board its staged lines name. */
async function boardsOf(executor: Executor, run: Pick<ImportRun, "id" | "boardId">, stage: StagingTable): Promise<number[]> {
  if (run.boardId !== null) return [run.boardId];
  const rows = await executor.selectDistinct({ boardId: stage.boardId }).from(stage);
  const boards = new Set([...rows.map((r) => r.boardId), ...(await boardsOfUnchanged(executor, run.id))]);
  return [...boards].sort((a, b) => a - b);
}

/**
 * Reads the file of a run that was just started into its staging table, then stores the dry-run report.
 * Changes no student, email or association. Returns the run as stored.
 */
export async function dryRunImport(input: {
  scope: StaffScope;
  runId: number;
  source: AsyncIterable<Uint8Array>;
  now?: Date;
  timer?: PhaseTimer;
}): Promise<ImportRun> {
  const run = await loadRun(input.scope, input.runId);
  if (!run.ok) throw new Error(`import run ${input.runId}: ${run.error}`);
  if (run.run.status !== "reading") throw new Error(`import run ${input.runId} was already read`);
  const runId = run.run.id;

  await renewLease(runId);
  await expireOlderRuns(run.run);
  await createStagingTable(db, runId);
  const writer = await openStagingWriter(runId);
  const maps = await boardAndSchoolMaps();
  const today = isoDateIn("America/Toronto", input.now ?? new Date());
  let rawWriter = null as RawWriter | null;
  let lastProgress = 0;
  let read: ReadResult;
  try {
    read = await timed(input.timer, "read and copy", () => readImportFile(input.source, {
      ...maps,
      onlyBoardId: run.run.boardId,
      today,
      rejectedSampleSize: REJECTED_SAMPLE_SIZE,
      batchSize: 5000,
      onBatch: (records) => writer.write(records),
      raw: {
        open: async (format) => void (rawWriter = await openRawWriter(runId, format)),
        write: (records) => rawWriter!.write(records),
        writeBytes: rawWriterTakesBytes() ? (bytes) => rawWriter!.writeBytes!(bytes) : undefined,
      },
      onProgress: async ({ bytesRead, lines }) => {
        if (Date.now() - lastProgress < PROGRESS_INTERVAL_MS) return;
        lastProgress = Date.now();
        await renewLease(runId, { bytesRead, linesRead: lines });
      },
    }));
    // A body cut short (a proxy's size limit, a dropped connection) would make the missing students look gone.
    if (!read.failure && run.run.totalBytes !== null && read.bytesRead !== run.run.totalBytes) {
      read = { ...read, failure: { failure: "incomplete_upload" } };
    }
    await (read.failure ? rawWriter?.abort() : rawWriter?.close());
    if (read.failure === null) {
      // The lines the database parsed: checked in SQL, the ones it does not accept checked again here.
      await renewLease(runId);
      read = await timed(input.timer, "check in SQL", () => checkRaw(runId, read, { ...maps, onlyBoardId: run.run.boardId, today }, writer));
    }
    await (read.failure ? writer.abort() : writer.close());
  } catch (error) {
    await rawWriter?.abort();
    await writer.abort();
    await dropStagingTable(db, runId);
    const marked = await db
      .update(importRuns)
      .set({ status: "failed", failure: { failure: "read_error" }, leaseUntil: null, updatedAt: new Date() })
      .where(and(eq(importRuns.id, runId), eq(importRuns.status, "reading")))
      .returning({ id: importRuns.id });
    // Failed already (its lease ran out while the file stalled, and its table went with it): say so, not why the write failed.
    if (marked.length === 0) throw new ImportLeaseLost(runId);
    throw error;
  }

  if (read.failure) {
    await dropStagingTable(db, runId);
    return finishRun(runId, {
      status: "failed",
      failure: read.failure,
      encoding: read.encoding,
      delimiter: read.delimiter,
      linesRead: read.counts.lines,
      rejectedSample: read.rejectedSample,
    });
  }

  await renewLease(runId);
  const stage = stagingTable(runId);
  await timed(input.timer, "analyze", () => analyzeStagingTable(db, runId));
  const duplicates = await timed(input.timer, "duplicates", async () => {
    await db.transaction(async (tx) => {
      await preferBulkJoins(tx);
      await stageRepeatedUnchanged(tx, runId);
    });
    return markDuplicateFiches(stage);
  });
  const counts = { ...read.counts, rejectedByReason: { ...read.counts.rejectedByReason } };
  if (duplicates.lines > 0) {
    counts.valid -= duplicates.lines;
    counts.rejected += duplicates.lines;
    counts.rejectedByReason.duplicate_fiche = duplicates.lines;
  }
  const rejectedSample = [...read.rejectedSample, ...duplicates.sample]
    .sort((a, b) => a.line - b.line)
    .slice(0, REJECTED_SAMPLE_SIZE);

  if (counts.valid === 0) {
    await dropStagingTable(db, runId);
    return finishRun(runId, {
      status: "failed",
      failure: { failure: "no_valid_rows" },
      encoding: read.encoding,
      delimiter: read.delimiter,
      linesRead: counts.lines,
      counts: { ...counts, ...zeroDiff() },
      rejectedSample,
    });
  }

  await renewLease(runId);
  const boards = await boardsOf(db, run.run, stage);
  const { diff, changesSample } = await db.transaction(async (tx) => {
    await preferBulkJoins(tx);
    await timed(input.timer, "diff", () => computeDiff(tx, stage, boards, runId));
    return {
      diff: (await diffCounts(tx, counts.valid)).counts,
      changesSample: await timed(input.timer, "samples", () => sampleChanges(tx)),
    };
  });
  return finishRun(runId, {
    status: "ready",
    encoding: read.encoding,
    delimiter: read.delimiter,
    linesRead: counts.lines,
    counts: { ...counts, ...diff },
    rejectedSample,
    changesSample,
  });
}

/**
 * Checks the raw lines in SQL (accepted ones staged there), then the lines it did not accept with validateRow,
 * in file order, into the staging table through `writer`; folds their outcome into the reading's counts and sample.
 */
async function checkRaw(
  runId: number,
  read: ReadResult,
  context: Omit<RowContext, "positions" | "fieldCount"> & Pick<UnchangedContext, "storedCodes">,
  writer: { write: (records: StageRecord[]) => Promise<void> },
): Promise<ReadResult> {
  await createUnchangedTable(db, runId);
  if (read.rawLines === 0) return read;
  const positions = read.positions!;
  // Lines that are exactly their student's current values skip the checks: valid, unchanged.
  const unchanged = await db.transaction(async (tx) => {
    await preferBulkJoins(tx);
    return markUnchangedLines(tx, runId, { ...context, positions, fieldCount: read.fieldCount });
  });
  // Every line recognised (the same file again): nothing is left to check.
  const { accepted } = unchanged < read.rawLines ? await checkRawLines(runId, { ...context, positions }) : { accepted: 0 };
  const counts = { ...read.counts, rejectedByReason: { ...read.counts.rejectedByReason } };
  counts.valid += unchanged + accepted;
  const sample = [...read.rejectedSample];
  const rowContext: RowContext = {
    boards: context.boards, schools: context.schools, onlyBoardId: context.onlyBoardId, today: context.today,
    positions, fieldCount: read.fieldCount,
  };
  for await (const lines of unchanged < read.rawLines ? recheckLines(db, runId, read.fieldCount) : noLines()) {
    const records: StageRecord[] = [];
    for (const { line, fields, fingerprint } of lines) {
      const checked = validateRow(fields, rowContext);
      if (checked.ok) {
        counts.valid++;
        records.push({ line, student: checked.student, fingerprint });
        continue;
      }
      const { reason, column, value } = checked.rejection;
      counts.rejected++;
      counts.rejectedByReason[reason] = (counts.rejectedByReason[reason] ?? 0) + 1;
      sample.push({ line, reason, ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}) });
      if (sample.length >= 4 * REJECTED_SAMPLE_SIZE) sample.sort((a, b) => a.line - b.line).splice(REJECTED_SAMPLE_SIZE);
      if (checked.identity) records.push({ line, rejected: reason, identity: checked.identity });
    }
    await writer.write(records);
  }
  await dropRecheckTable(db, runId);
  sample.sort((a, b) => a.line - b.line);
  return { ...read, counts, rejectedSample: sample.slice(0, REJECTED_SAMPLE_SIZE) };
}

async function* noLines(): AsyncGenerator<{ line: number; fields: string[]; fingerprint: string }[]> {}

/** Stores the outcome of a run still being read (one that lost its lease stays failed: ImportLeaseLost). */
async function finishRun(runId: number, values: Partial<typeof importRuns.$inferInsert>): Promise<ImportRun> {
  const [row] = await db
    .update(importRuns)
    .set({ ...values, leaseUntil: null, updatedAt: new Date() })
    .where(and(eq(importRuns.id, runId), eq(importRuns.status, "reading")))
    .returning();
  if (!row) {
    await dropStagingTable(db, runId);
    throw new ImportLeaseLost(runId);
  }
  return row;
}

/** A newer file for the same target replaces an older dry run that was never applied. */
async function expireOlderRuns(run: ImportRun) {
  const older = await db
    .update(importRuns)
    .set({ status: "expired", updatedAt: new Date() })
    .where(
      and(
        eq(importRuns.status, "ready"),
        run.boardId === null ? isNull(importRuns.boardId) : eq(importRuns.boardId, run.boardId),
        sql`${importRuns.id} < ${run.id}`,
      ),
    )
    .returning({ id: importRuns.id });
  for (const { id } of older) await dropStagingTable(db, id);
}

/** Every line of a fiche that appears more than once is rejected: which one is right is not ours to guess. */
async function markDuplicateFiches(stage: StagingTable): Promise<{ lines: number; sample: RejectedLine[] }> {
  const duplicated = db
    .select({ boardId: stage.boardId, fiche: stage.fiche })
    .from(stage)
    .groupBy(stage.boardId, stage.fiche)
    .having(sql`count(*) > 1`);
  const marked = await db.transaction(async (tx) => {
    await preferBulkJoins(tx);
    return tx
      .update(stage)
    .set({ rejected: "duplicate_fiche" })
      .where(and(isNull(stage.rejected), sql`(${stage.boardId}, ${stage.fiche}) in ${duplicated}`))
      .returning({ line: stage.line, fiche: stage.fiche });
  });
  marked.sort((a, b) => a.line - b.line);
  return {
    lines: marked.length,
    sample: marked.slice(0, REJECTED_SAMPLE_SIZE).map((m) => ({ line: m.line, reason: "duplicate_fiche", column: "fiche", value: m.fiche })),
  };
}

function zeroDiff(): DiffCounts {
  return { newStudents: 0, changedStudents: 0, restoredStudents: 0, guardianEmailChanges: 0, disappeared: 0, unchanged: 0 };
}

// ---------- applying ----------

export type ApplyResult = { ok: true; counts: ImportCounts; run: ImportRun } | { ok: false; error: ImportRunRefusal };

/**
 * Applies a dry run in one transaction: upserts keyed on (board, fiche) that leave unchanged students untouched,
 * archives (never deletes) the board's students the file no longer lists, replaces changed guardian emails with an
 * audit row per student, and writes one "import.applied" summary. The diff is computed again inside the
 * transaction, so edits made since the dry run are respected. Applying the same file again changes nothing.
 */
export async function applyImport(input: { scope: StaffScope; staffId: string; runId: number; timer?: PhaseTimer }): Promise<ApplyResult> {
  const timer = input.timer;
  const loaded = await loadRun(input.scope, input.runId);
  if (!loaded.ok) return loaded;
  if (!mayImportAs(await activeStaffRole(db, input.staffId))) return { ok: false, error: "forbidden" };
  // Read before the transaction (PGlite has one connection, which the transaction holds): the checks' maps, for the
  // lines recognised in the dry run whose student changed since.
  const maps = await boardAndSchoolMaps();
  const today = isoDateIn("America/Toronto", new Date());
  const outcome = await db.transaction(async (tx) => {
    // Locks the run: a second click waits, then sees "applied".
    const [run] = await tx.select().from(importRuns).where(eq(importRuns.id, input.runId)).for("update");
    if (!run) return { ok: false as const, error: "not_found" as const };
    if (run.status === "applied") return { ok: false as const, error: "already_applied" as const };
    if (run.status === "expired") return { ok: false as const, error: "expired" as const };
    if (run.status !== "ready") return { ok: false as const, error: "not_ready" as const };

    const stage = stagingTable(run.id);
    await preferBulkJoins(tx);
    // The commit's WAL flush is not waited for: a crash right after it may lose the whole apply (atomically; the
    // run is then still "ready" and applied again), never part of it. One flush less for a board's whole file.
    await tx.execute(sql`set local synchronous_commit = off`);
    // Every student whose guardian emails this transaction writes gets its line's fingerprint in it: the trigger
    // that clears a fingerprint when emails change leaves them to the apply (migration 0026).
    await tx.execute(sql`set local portail.import_apply = 'on'`);
    const boards = await boardsOf(tx, run, stage);
    // One import at a time per board.
    await tx.select({ id: schoolBoards.id }).from(schoolBoards).where(inArray(schoolBoards.id, boards)).orderBy(schoolBoards.id).for("update");

    // Lines recognised as unchanged in the dry run whose student changed since are checked and staged now.
    const layout = await rawLayout(tx, run.id);
    if (!layout) return { ok: false as const, error: "expired" as const };
    const read = await timed(timer, "unchanged since", () =>
      checkChangedSince(tx, run, { ...maps, positions: layout.positions, fieldCount: layout.fieldCount, onlyBoardId: run.boardId, today }),
    );
    await timed(timer, "diff", () => computeDiff(tx, stage, boards, run.id));
    const { counts: diff, fingerprintsToStore } = await diffCounts(tx, read.valid);
    if (changesAnything(diff) || fingerprintsToStore > 0) {
      await timed(timer, "audit emails", () => auditGuardianEmailChanges(tx, run, input.staffId));
      await timed(timer, "upsert students", () => upsertStudents(tx));
      await timed(timer, "archive", () => archiveGone(tx));
      await timed(timer, "guardian emails", () => replaceGuardianEmails(tx));
    }

    const counts: ImportCounts = { ...read, ...diff };
    await tx.insert(auditLog).values({
      actorStaffId: input.staffId,
      action: "import.applied",
      boardId: run.boardId,
      details: { importRunId: run.id, fileName: run.fileName, boards, counts: { ...diff, rejected: counts.rejected } },
    });
    const [applied] = await tx
      .update(importRuns)
      .set({ status: "applied", appliedCounts: counts, appliedAt: new Date(), appliedByStaffId: input.staffId, updatedAt: new Date() })
      .where(eq(importRuns.id, run.id))
      .returning();
    return { ok: true as const, counts, run: applied!, changed: changesAnything(diff) };
  });
  if (!outcome.ok) return outcome;
  await dropStagingTable(db, input.runId);
  // The next diff is planned on fresh statistics even if autovacuum has not come by yet (nothing to refresh when
  // the file changed nothing).
  if (outcome.changed) await timed(timer, "analyze", () => db.execute(sql`analyze ${students}, ${guardianEmails}`));
  return { ok: true, counts: outcome.counts, run: outcome.run };
}

/**
 * In the apply's transaction: the lines recognised in the dry run whose student changed since go through
 * validateRow (with today's maps) into the staging table; returns the run's counts with any line rejected now.
 */
async function checkChangedSince(tx: Transaction, run: ImportRun, context: RowContext): Promise<ImportCounts> {
  const counts = { ...run.counts!, rejectedByReason: { ...run.counts!.rejectedByReason } };
  if ((await recheckChangedSince(tx, run.id)) === 0) return counts;
  const stage = stagingTable(run.id);
  for await (const lines of recheckLines(tx, run.id, context.fieldCount)) {
    const records: StageRecord[] = [];
    for (const { line, fields, fingerprint } of lines) {
      const checked = validateRow(fields, context);
      if (checked.ok) {
        records.push({ line, student: checked.student, fingerprint });
        continue;
      }
      const { reason } = checked.rejection;
      counts.valid--;
      counts.rejected++;
      counts.rejectedByReason[reason] = (counts.rejectedByReason[reason] ?? 0) + 1;
      if (checked.identity) records.push({ line, rejected: reason, identity: checked.identity });
    }
    if (records.length > 0) await tx.insert(stage).values(records.map(stagingRowOf));
  }
  await dropRecheckTable(tx, run.id);
  return counts;
}

/** Reaps interrupted runs once a minute in this process (idempotent; the timer never keeps the process alive). */
export function startImportRunReaper(intervalMs = 60_000) {
  startPeriodicJob({
    name: "import-run-reaper",
    everyMs: intervalMs,
    run: async () => void (await reapImportRuns()),
    onError: (error) =>
      console.error(`[import] reaping interrupted runs failed (${error instanceof Error ? error.name : "error"}); next pass in a minute`),
  });
}

// ---------- reading runs ----------

async function loadRun(scope: StaffScope, runId: number): Promise<{ ok: true; run: ImportRun } | { ok: false; error: ImportRunRefusal }> {
  if (!mayImportAtAll(scope)) return { ok: false, error: "forbidden" };
  const [run] = await db.select().from(importRuns).where(eq(importRuns.id, runId));
  if (!run || !canSeeImportRun(scope, run)) return { ok: false, error: "not_found" };
  return { ok: true, run };
}

export async function findImportRun(scope: StaffScope, runId: number): Promise<ImportRun | null> {
  const loaded = await loadRun(scope, runId);
  return loaded.ok ? loaded.run : null;
}

export type ImportRunSummary = Pick<
  ImportRun,
  "id" | "boardId" | "fileName" | "status" | "counts" | "appliedCounts" | "failure" | "createdAt" | "appliedAt"
> & { boardName: string | null; staffName: string };

/** The runs a staff member may see, newest first. */
export async function listImportRuns(scope: StaffScope, limit = 20): Promise<ImportRunSummary[]> {
  if (!mayImportAtAll(scope)) return [];
  return db
    .select({
      id: importRuns.id,
      boardId: importRuns.boardId,
      boardName: schoolBoards.name,
      fileName: importRuns.fileName,
      status: importRuns.status,
      counts: importRuns.counts,
      appliedCounts: importRuns.appliedCounts,
      failure: importRuns.failure,
      createdAt: importRuns.createdAt,
      appliedAt: importRuns.appliedAt,
      staffName: staffUsers.name,
    })
    .from(importRuns)
    .leftJoin(schoolBoards, eq(schoolBoards.id, importRuns.boardId))
    .innerJoin(staffUsers, eq(staffUsers.id, importRuns.staffUserId))
    .where(scope.kind === "board" ? eq(importRuns.boardId, scope.boardId) : undefined)
    .orderBy(desc(importRuns.createdAt), desc(importRuns.id))
    .limit(limit);
}

export type ImportProgress = Pick<ImportRun, "id" | "status" | "bytesRead" | "totalBytes" | "linesRead">;

export async function importRunProgress(scope: StaffScope, runId: number): Promise<ImportProgress | null> {
  let run = await findImportRun(scope, runId);
  if (run?.status === "reading" && run.leaseUntil !== null && run.leaseUntil.getTime() < Date.now()) {
    await reapImportRuns();
    run = await findImportRun(scope, runId);
  }
  return run && { id: run.id, status: run.status, bytesRead: run.bytesRead, totalBytes: run.totalBytes, linesRead: run.linesRead };
}

/** Boards a staff member may import into, for the upload form. */
export async function importableBoards(scope: StaffScope) {
  if (!mayImportAtAll(scope)) return [];
  return db
    .select({ id: schoolBoards.id, code: schoolBoards.code, name: schoolBoards.name })
    .from(schoolBoards)
    .where(scope.kind === "board" ? eq(schoolBoards.id, scope.boardId) : undefined)
    .orderBy(asc(schoolBoards.name));
}
