// Lines of an import that are, byte for byte, what the importer would write for their student as it stands.
// Right after the raw COPY (db/queries/import-staging.ts), one join of the raw lines to the students on
// (board, fiche) — the board and school codes as the maps key them, the student's values and guardian emails in
// the file's text form — recognises the lines that equal an active student's current values. Those lines are
// neither checked (db/queries/import-check.ts) nor staged: they are "unchanged" in the counts and name their
// student, so it is not archived as no longer listed. Every other line, an archived student's included, goes
// through the checks as before.
//
// Exactness: a line is recognised only when every field is already in the form the checks would normalise it to
// (the student's stored values pass the checks' own shape tests: names of Latin letters with single inner spaces,
// a printable grade, lower-case ASCII addresses, a canonical fiche and code permanent, a birth date in range), so
// the checks would accept it and stage exactly the student's values, and the diff would find nothing to change.
// Anything else — a value stored in another form, a third guardian email, emails in another order — is left to
// the checks.
//
// The apply compares those lines with the students again, in its transaction: a line whose student changed since
// the dry run (or was archived or removed) is staged then, with the values the checks would have staged, so the
// diff treats it exactly as before.
import { sql, type SQL } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { guardianEmails, students } from "@/db/schema";
import { CODE, EMAIL, GRADE, NAME, foldedNames, oldestBirthDate, unfoldedSpaces } from "@/db/queries/import-check";
import { rawColumn, rawTableName, sameTableName, stagingTableName } from "@/db/queries/import-staging";
import type { ImportColumn } from "@/lib/import/columns";
import type { ColumnPositions } from "@/lib/import/header";
import { MAX_FIELD_LENGTH, MAX_GRADE_LENGTH, MAX_NAME_LENGTH, normalizeCode, schoolKey } from "@/lib/import/row";

export type UnchangedContext = {
  positions: ColumnPositions;
  boards: ReadonlyMap<string, number>;
  schools: ReadonlyMap<string, number>;
  onlyBoardId: number | null;
  today: string;
  /** The boards' and schools' codes as stored: a file written from the records spells them so ("011", not "11"). */
  storedCodes: { boards: { id: number; code: string }[]; schools: { id: number; boardId: number; code: string }[] };
};

const PLAIN_CODE = /^[A-Za-z0-9_.-]+$/;
/** A code the file can carry as is: the checks' shape, already what normalizeCode makes of it. */
const plainCode = (code: string) => PLAIN_CODE.test(code) && code.length <= MAX_FIELD_LENGTH;
const canonicalCode = (code: string) => plainCode(code) && normalizeCode(code) === code;

const fieldOf = (positions: ColumnPositions) => (column: ImportColumn) => sql.raw(`r.${rawColumn(positions[column])}`);

/** The student's current guardian emails of the given students' boards, in répondant order. */
const currentEmails = (boardFilter: SQL) => sql`
  select g.student_id, array_agg(g.email order by g.position, g.email) as emails
  from ${guardianEmails} g join ${students} st on st.id = g.student_id
  where ${boardFilter}
  group by g.student_id`;

/**
 * The raw line equals the student's current values in the file's text form (board and school matched by the
 * caller). `c` is the student's emails row (left joined).
 */
function equalsStudent(f: (column: ImportColumn) => SQL): SQL {
  return sql`st.archived_at is null
    and ${f("fiche")} = st.fiche
    and ${f("code_permanent")} = coalesce(st.code_permanent, '')
    and ${f("nom")} = st.last_name and ${f("prenom")} = st.first_name
    and ${f("date_naissance")} = to_char(st.birth_date, 'YYYY-MM-DD')
    and ${f("niveau")} = coalesce(st.grade, '')
    and coalesce(cardinality(c.emails), 0) <= 2
    and ${f("courriel_1")} = coalesce(c.emails[1], '') and ${f("courriel_2")} = coalesce(c.emails[2], '')`;
}

const canonicalName = (value: SQL) =>
  sql`(${value} ~ ${sql.raw(NAME)} and ${value} <> '' and ${value} = btrim(${value}, ' ') and strpos(${value}, '  ') = 0
    and length(${value}) <= ${sql.raw(String(MAX_NAME_LENGTH))})`;

const canonicalEmail = (value: SQL) =>
  sql`(${value} is null or (${value} = lower(${value}) and ${value} ~ ${sql.raw(EMAIL)} and strpos(${value}, '@') <= 65
    and length(${value}) - strpos(${value}, '@') <= 63))`;

/**
 * Creates the run's table of recognised lines (line, board, fiche, student, school) from its raw lines; returns
 * how many. Run before the checks, which then skip those lines.
 */
export async function markUnchangedLines(tx: Transaction, runId: number, context: UnchangedContext): Promise<number> {
  const raw = sql.raw(`"${rawTableName(runId)}"`);
  const same = sql.raw(`"${sameTableName(runId)}"`);
  const f = fieldOf(context.positions);
  // Each spelling of a code that the checks map to that board or school: the code as the maps key it, and the code
  // as stored when the checks read it as the same board or school (a plain code whose normalised form is its key).
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
    school_codes as (select * from jsonb_to_recordset(${schools}::jsonb) as s(board_id int, code text, id int)),
    current_emails as (${currentEmails(sql`st.board_id in (select id from board_codes)`)})
    insert into ${same} (line, board_id, fiche, student_id, school_id)
    select r.line, st.board_id, st.fiche, st.id, st.school_id
    from ${raw} r
    join board_codes b on b.code = ${f("organisme")}
    join ${students} st on st.board_id = b.id and st.fiche = ${f("fiche")}
    join school_codes s on s.id = st.school_id and s.board_id = st.board_id and s.code = ${f("ecole")}
    left join current_emails c on c.student_id = st.id
    where ${equalsStudent(f)}
      and st.fiche ~ '^(0|[1-9][0-9]{0,6})$'
      and (st.code_permanent is null or st.code_permanent ~ '^[A-Z]{4}[0-9]{6}([0-9]{2})?$')
      and ${canonicalName(sql`st.last_name`)} and ${canonicalName(sql`st.first_name`)}
      and (st.grade is null or (st.grade ~ ${sql.raw(GRADE)} and st.grade <> '' and st.grade = btrim(st.grade, ' ')
        and strpos(st.grade, '  ') = 0 and length(st.grade) <= ${sql.raw(String(MAX_GRADE_LENGTH))}))
      and st.birth_date between ${oldestBirthDate(context.today)}::date and ${context.today}::date
      and ${canonicalEmail(sql`c.emails[1]`)} and ${canonicalEmail(sql`c.emails[2]`)}`);
  // The apply reads the raw lines again: it finds the columns' positions with the table.
  await tx.execute(sql.raw(`comment on table "${sameTableName(runId)}" is '${JSON.stringify(context.positions).replaceAll("'", "''")}'`));
  const count = rowCount(inserted);
  if (count > 0) await tx.execute(sql`create index on ${same} (line)`);
  return count;
}

/** The run's table of recognised lines, empty (kept even when no line is recognised: the diff reads it). */
export async function createUnchangedTable(executor: Executor, runId: number) {
  await executor.execute(sql.raw(`create unlogged table if not exists "${sameTableName(runId)}" (line integer not null,
    board_id integer not null, fiche text not null, student_id integer not null, school_id integer not null)`));
}

/**
 * Recognised lines that name the same student as another line of the file: every line of a repeated fiche is
 * rejected, so they are staged (values empty, not yet rejected) for markDuplicateFiches to reject with the others.
 */
export async function stageRepeatedUnchanged(executor: Executor, runId: number) {
  const stage = sql.raw(`"${stagingTableName(runId)}"`);
  const same = sql.raw(`"${sameTableName(runId)}"`);
  await executor.execute(sql`
    with repeated as (
      select board_id, fiche from (select board_id, fiche from ${stage} union all select board_id, fiche from ${same}) x
      group by board_id, fiche having count(*) > 1),
    moved as (
      delete from ${same} u using repeated d where u.board_id = d.board_id and u.fiche = d.fiche
      returning u.line, u.board_id, u.fiche)
    insert into ${stage} (line, board_id, fiche) select line, board_id, fiche from moved`);
}

/** Boards the recognised lines name. */
export async function boardsOfUnchanged(executor: Executor, runId: number): Promise<number[]> {
  const result = await executor.execute(sql.raw(`select distinct board_id from "${sameTableName(runId)}"`));
  return rows<{ board_id: number }>(result).map((r) => Number(r.board_id));
}

/**
 * The columns' positions in the raw lines, kept with the table of recognised lines; null when the run has none
 * (a run read before lines were recognised).
 */
export async function unchangedPositions(executor: Executor, runId: number): Promise<ColumnPositions | null> {
  const result = await executor.execute(
    sql`select obj_description(to_regclass(${`"${sameTableName(runId)}"`}), 'pg_class') as positions`,
  );
  const text = rows<{ positions: string | null }>(result)[0]?.positions;
  return text ? (JSON.parse(text) as ColumnPositions) : null;
}

/**
 * In the apply's transaction: stages the recognised lines whose student no longer has the line's values (edited,
 * archived or removed since the dry run), with the values the checks would have staged — the line's own text,
 * which was already in that form — and removes them from the recognised lines. Returns how many.
 */
export async function restageChangedSince(tx: Transaction, runId: number, positions: ColumnPositions): Promise<number> {
  const raw = sql.raw(`"${rawTableName(runId)}"`);
  const same = sql.raw(`"${sameTableName(runId)}"`);
  const stage = sql.raw(`"${stagingTableName(runId)}"`);
  const f = fieldOf(positions);
  const result = await tx.execute(sql`
    with current_emails as (${currentEmails(sql`st.board_id in (select distinct board_id from ${same})`)}),
    still as (
      select u.line from ${same} u
      join ${raw} r on r.line = u.line
      join ${students} st on st.id = u.student_id and st.board_id = u.board_id and st.school_id = u.school_id
      left join current_emails c on c.student_id = st.id
      where ${equalsStudent(f)}),
    -- (a hash anti-join; a NOT EXISTS correlated inside the join would run once per line)
    changed as (
      delete from ${same} u
      where not exists (select 1 from still s where s.line = u.line)
      returning u.line, u.board_id, u.fiche, u.school_id)
    insert into ${stage} (line, board_id, fiche, rejected, school_id, code_permanent, last_name, first_name, birth_date, grade,
      search_name, email1, email2)
    select d.line, d.board_id, d.fiche, null, d.school_id, nullif(${f("code_permanent")}, ''), ${f("nom")}, ${f("prenom")},
      ${f("date_naissance")}::date, nullif(${f("niveau")}, ''), ${unfoldedSpaces(foldedNames(f("nom"), f("prenom")))},
      nullif(${f("courriel_1")}, ''), nullif(${f("courriel_2")}, '')
    from changed d join ${raw} r on r.line = d.line`);
  return rowCount(result);
}

function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function rowCount(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return Number(r.count ?? r.affectedRows ?? r.rowCount ?? 0);
}
