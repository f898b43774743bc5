// Lines of an import that the student they name was last written from, byte for byte.
// The raw table computes each line's fingerprint as it is copied in (import-staging.ts); the apply stores the
// fingerprint of the line it wrote a student from (students.import_fingerprint), and triggers clear it whenever
// anything else changes the student's fields or guardian emails (migration 0026). So a line whose fingerprint is
// its student's is exactly the line that produced the student's current values: the checks accepted it then, under
// the same rules (the fingerprint carries their version), and would stage exactly those values again. Right after
// the raw COPY one hash join recognises those lines: they are neither checked (db/queries/import-check.ts) nor
// staged; they are "unchanged" in the counts and name their student, so it is not archived as no longer listed.
// What the line's text does not fix is checked in the join: its board and school codes still name the student's
// board and school, the student is not archived, and its birth date is still in range today.
//
// The apply compares those lines' fingerprints with the students again, in its transaction: a line whose student
// changed since the dry run (or was archived or removed) is checked then (validateRow) and staged, so the diff
// treats it exactly as before.
import { sql } from "drizzle-orm";
import { executedRows, type Executor, type Transaction } from "@/db/client";
import { students } from "@/db/schema";
import { normalizedFiche, oldestBirthDate } from "@/db/queries/import-check";
import { rawColumn, rawTableName, recheckTableName, sameTableName, stagingTableName } from "@/db/queries/import-staging";
import type { ColumnPositions } from "@/lib/import/header";
import { MAX_FIELD_LENGTH, normalizeCode, schoolKey } from "@/lib/import/row";

export type UnchangedContext = {
  positions: ColumnPositions;
  fieldCount: number;
  boards: ReadonlyMap<string, number>;
  schools: ReadonlyMap<string, number>;
  onlyBoardId: number | null;
  today: string;
  /** The boards' and schools' codes as stored: a file written from the records spells them so ("011", not "11"). */
  storedCodes: { boards: { id: number; code: string }[]; schools: { id: number; boardId: number; code: string }[] };
};

/** What the apply needs to check the recognised lines again: where each column sits in the raw lines. */
export type RawLayout = { positions: ColumnPositions; fieldCount: number };

const PLAIN_CODE = /^[A-Za-z0-9_.-]+$/;
/** A code the file can carry as is: the checks' shape, already what normalizeCode makes of it. */
const plainCode = (code: string) => PLAIN_CODE.test(code) && code.length <= MAX_FIELD_LENGTH;
const canonicalCode = (code: string) => plainCode(code) && normalizeCode(code) === code;

/**
 * Creates the run's table of recognised lines (line, board, fiche, student, school, fingerprint) from its raw
 * lines; returns how many. Run before the checks, which then skip those lines.
 */
export async function markUnchangedLines(tx: Transaction, runId: number, context: UnchangedContext): Promise<number> {
  const raw = sql.raw(`"${rawTableName(runId)}"`);
  const same = sql.raw(`"${sameTableName(runId)}"`);
  const f = (column: keyof ColumnPositions) => sql.raw(`r.${rawColumn(context.positions[column])}`);
  // Each spelling of a code that the checks map to that board or school: the code as the maps key it, and the code
  // as stored when the checks read it as the same board or school (a plain code whose normalised form is its key).
  // A line that spells it another way ("0011") is checked instead.
  const boardSpellings = new Map<string, number>();
  for (const [code, id] of context.boards) if (canonicalCode(code)) boardSpellings.set(code, id);
  for (const { id, code } of context.storedCodes.boards) {
    if (plainCode(code) && context.boards.get(normalizeCode(code)) === id) boardSpellings.set(code, id);
  }
  const schoolSpellings = new Map<string, { board_id: number; code: string; id: number }>();
  for (const [key, id] of context.schools) {
    const slash = key.indexOf("/");
    const code = key.slice(slash + 1);
    if (canonicalCode(code)) schoolSpellings.set(key, { board_id: Number(key.slice(0, slash)), code, id });
  }
  for (const { id, boardId, code } of context.storedCodes.schools) {
    if (plainCode(code) && context.schools.get(schoolKey(boardId, code)) === id) {
      schoolSpellings.set(`${boardId}/${code}`, { board_id: boardId, code, id });
    }
  }
  const boards = JSON.stringify(
    [...boardSpellings]
      .filter(([, id]) => context.onlyBoardId === null || id === context.onlyBoardId)
      .map(([code, id]) => ({ code, id })),
  );
  const schools = JSON.stringify([...schoolSpellings.values()]);
  await createUnchangedTable(tx, runId);
  const inserted = await tx.execute(sql`
    with board_codes as (select * from jsonb_to_recordset(${boards}::jsonb) as b(code text, id int)),
    school_codes as (select * from jsonb_to_recordset(${schools}::jsonb) as s(board_id int, code text, id int))
    insert into ${same} (line, board_id, fiche, student_id, school_id, fingerprint)
    select r.line, st.board_id, st.fiche, st.id, st.school_id, r.fingerprint
    from ${raw} r
    join ${students} st on st.import_fingerprint = r.fingerprint
      and (st.fiche = ${f("fiche")} or st.fiche = ${normalizedFiche(f("fiche"))})
    join board_codes b on b.id = st.board_id and b.code = ${f("organisme")}
    join school_codes s on s.id = st.school_id and s.board_id = st.board_id and s.code = ${f("ecole")}
    where st.archived_at is null
      and st.birth_date between ${oldestBirthDate(context.today)}::date and ${context.today}::date`);
  // The apply reads the raw lines again: it finds the columns' positions with the table.
  const layout: RawLayout = { positions: context.positions, fieldCount: context.fieldCount };
  await tx.execute(sql.raw(`comment on table "${sameTableName(runId)}" is '${JSON.stringify(layout).replaceAll("'", "''")}'`));
  return rowCount(inserted);
}

/** The run's table of recognised lines, empty (kept even when no line is recognised: the diff reads it). */
export async function createUnchangedTable(executor: Executor, runId: number) {
  await executor.execute(sql.raw(`create unlogged table if not exists "${sameTableName(runId)}" (line integer not null,
    board_id integer not null, fiche text not null, student_id integer not null, school_id integer not null,
    fingerprint bigint not null)`));
}

/**
 * Recognised lines that name the same student as another line of the file: every line of a repeated fiche is
 * rejected, so they are staged (values empty, not yet rejected) for markDuplicateFiches to reject with the others.
 */
export async function stageRepeatedUnchanged(executor: Transaction, runId: number) {
  const stage = sql.raw(`"${stagingTableName(runId)}"`);
  const same = sql.raw(`"${sameTableName(runId)}"`);
  // A recognised line's (board, fiche) is its student's: repeated among recognised lines is the same student twice.
  // Found by sorting the lines' student ids (a million in 0.7 CPU-s) rather than hashing them (1.2: a hash table of a
  // million groups, which the transaction's work_mem allows).
  await executor.execute(sql`set local enable_hashagg = off`);
  await executor.execute(sql`
    with repeated as (
      select student_id from ${same} group by student_id having count(*) > 1
      union
      select u.student_id from ${same} u join ${stage} s on s.board_id = u.board_id and s.fiche = u.fiche),
    moved as (
      delete from ${same} u using repeated d where u.student_id = d.student_id
      returning u.line, u.board_id, u.fiche)
    insert into ${stage} (line, board_id, fiche) select line, board_id, fiche from moved`);
}

/** Boards the recognised lines name. */
export async function boardsOfUnchanged(executor: Executor, runId: number): Promise<number[]> {
  const result = await executor.execute(sql.raw(`select distinct board_id from "${sameTableName(runId)}"`));
  return executedRows<{ board_id: number }>(result).map((r) => Number(r.board_id));
}

/**
 * Where the columns sit in the raw lines, kept with the table of recognised lines; null when the run's lines were
 * recognised by an earlier version of the importer (its dry run is then stale: read the file again).
 */
export async function rawLayout(executor: Executor, runId: number): Promise<RawLayout | null> {
  const result = await executor.execute(
    sql`select obj_description(to_regclass(${`"${sameTableName(runId)}"`}), 'pg_class') as layout`,
  );
  const text = executedRows<{ layout: string | null }>(result)[0]?.layout;
  if (!text) return null;
  const layout = JSON.parse(text) as Partial<RawLayout>;
  return layout.positions && layout.fieldCount ? (layout as RawLayout) : null;
}

/**
 * In the apply's transaction: the recognised lines whose student no longer has their fingerprint (edited,
 * archived or removed since the dry run) leave the recognised lines for the run's recheck table, to be checked and
 * staged as any other line. Returns how many.
 */
export async function recheckChangedSince(tx: Transaction, runId: number): Promise<number> {
  const raw = sql.raw(`"${rawTableName(runId)}"`);
  const same = sql.raw(`"${sameTableName(runId)}"`);
  const recheck = sql.raw(`"${recheckTableName(runId)}"`);
  await tx.execute(sql`create unlogged table if not exists ${recheck} as select * from ${raw} with no data`);
  // One hash join of the recognised lines to their students finds the lines whose student no longer matches;
  // usually none, and then nothing else is read. A left join kept as one by the fence (PostgreSQL 15 would make it
  // an anti-join, which hashes its inner side: every student of the province for a small board's file), so the
  // smaller side is hashed.
  await tx.execute(sql`create temp table import_changed_since (line integer not null) on commit drop`);
  const changed = rowCount(
    await tx.execute(sql`
      insert into import_changed_since
      select line from (
        select u.line, st.id as student_id from ${same} u
        left join ${students} st on st.id = u.student_id and st.import_fingerprint = u.fingerprint
          and st.board_id = u.board_id and st.school_id = u.school_id and st.archived_at is null
        offset 0) matched
      where matched.student_id is null`),
  );
  if (changed > 0) {
    await tx.execute(sql`analyze import_changed_since`);
    await tx.execute(sql`delete from ${same} u using import_changed_since c where u.line = c.line`);
    await tx.execute(sql`insert into ${recheck} select r.* from ${raw} r join import_changed_since c on c.line = r.line`);
  }
  await tx.execute(sql`drop table import_changed_since`);
  return changed;
}

function rowCount(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return Number(r.count ?? r.affectedRows ?? r.rowCount ?? 0);
}
