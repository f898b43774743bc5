// The row checks of an import, as one set-based statement over the raw lines (db/queries/import-staging.ts):
// a line whose every field has the plain shape of a good line (ASCII codes and digits, names of Latin letters,
// ASCII emails, an ISO date) and names a known board and school is accepted and staged, its values normalised
// in SQL exactly as validateRow (lib/import/row.ts) normalises them. Every other line — rejected, or valid but of
// a shape these checks leave out (a name with "Œ" or a digit, an address with non-ASCII letters) — goes to a
// recheck table and through validateRow in the app, which keeps the one wording of every rejection (reason,
// column, value, line). For an export of good lines that is none of them.
import { sql, type SQL } from "drizzle-orm";
import { db, executedRows, type Executor, type Transaction } from "@/db/client";
import { preferBulkJoins } from "@/db/queries/import-diff";
import { rawColumn, rawTableName, recheckTableName, sameTableName, stagingTableName } from "@/db/queries/import-staging";
import { MAX_STUDENT_AGE_YEARS } from "@/lib/birth-date";
import { IMPORT_COLUMNS, type ImportColumn } from "@/lib/import/columns";
import type { ColumnPositions } from "@/lib/import/header";
import { MAX_FIELD_LENGTH, MAX_GRADE_LENGTH, MAX_NAME_LENGTH } from "@/lib/import/row";

/** Latin letters with an accent that NFD splits into a base letter and marks (U+0300-U+036F, what foldForSearch strips). */
const ACCENTED = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ";

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** A name as the checks accept it: Latin letters, spaces, hyphens, apostrophes (anything else: the app decides). */
export const NAME = quoted(`^[A-Za-z${ACCENTED}' -]*$`);
/** A grade: printable ASCII and the accented letters. */
export const GRADE = quoted(`^[ -~${ACCENTED}]*$`);
export const CODE = quoted("^[A-Za-z0-9_.-]+$");
const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
/** emailSchema's pattern for ASCII addresses (no capture groups: the regex engine's fast path). */
export const EMAIL = quoted(
  `^[${ATEXT}]+(?:\\.[${ATEXT}]+)*@[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*(?:\\.[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*)*\\.[A-Za-z][A-Za-z]+$`,
);

export type CheckContext = {
  positions: ColumnPositions;
  /** normalizeCode(board code) → board id, and schoolKey(board, school code) → school id (as validateRow has them). */
  boards: ReadonlyMap<string, number>;
  schools: ReadonlyMap<string, number>;
  onlyBoardId: number | null;
  today: string;
};

/** The oldest birth date accepted (parseBirthDate's rule, as text). */
export function oldestBirthDate(today: string): string {
  const [y, m, d] = today.split("-").map(Number);
  return `${String(y! - MAX_STUDENT_AGE_YEARS).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Case of ASCII text (what the checks let through to it) under the C collation: byte by byte, where the database's
 * own collation converts to wide characters first (0.1–0.2 CPU-s a million values here).
 */
const asciiUpper = (value: SQL) => sql`upper(${value} collate "C")`;
const asciiLower = (value: SQL) => sql`lower(${value} collate "C")`;

/** normalizeCode of a value that must match CODE (ASCII, no spaces) to be accepted. */
const normalizedCode = (value: SQL) =>
  sql`case when ${value} ~ '^[0-9]+$' then coalesce(nullif(ltrim(${value}, '0'), ''), '0') else ${asciiUpper(value)} end`;

/** cleanName of a value already known to match NAME or GRADE (its only whitespace is the ASCII space). */
/** A fiche as normalizeFiche (lib/identifiers) writes it, for a value of its shape: no spaces, hyphens, leading e or zeros. */
export const normalizedFiche = (value: SQL) =>
  sql`coalesce(nullif(ltrim(ltrim(replace(replace(${value}, ' ', ''), '-', ''), 'eE'), '0'), ''), '0')`;
const cleaned = (value: SQL) =>
  sql`(case when strpos(btrim(${value}, ' '), '  ') > 0 then regexp_replace(btrim(${value}, ' '), '  +', ' ', 'g') else btrim(${value}, ' ') end)`;

/**
 * Stages the raw lines the SQL checks accept, and copies the others into the recheck table.
 * Returns how many were accepted and how many are left to recheck.
 */
export async function checkRawLines(runId: number, context: CheckContext): Promise<{ accepted: number; recheck: number }> {
  return db.transaction(async (tx) => {
    await preferBulkJoins(tx);
    return checkIn(tx, runId, context);
  });
}

async function checkIn(executor: Transaction, runId: number, context: CheckContext): Promise<{ accepted: number; recheck: number }> {
  const raw = sql.raw(`"${rawTableName(runId)}"`);
  const stage = sql.raw(`"${stagingTableName(runId)}"`);
  const recheck = sql.raw(`"${recheckTableName(runId)}"`);
  const inserted = await executor.execute(acceptStatement(runId, context));
  const accepted = rowCount(inserted);
  const same = sql.raw(`"${sameTableName(runId)}"`);
  await executor.execute(sql`
    create unlogged table ${recheck} as
    select r.* from ${raw} r
    where not exists (select 1 from ${stage} s where s.line = r.line)
      and not exists (select 1 from ${same} u where u.line = r.line)`);
  const [left] = executedRows<{ n: number }>(await executor.execute(sql`select count(*)::int as n from ${recheck}`));
  if (left!.n > 0) await executor.execute(sql`create index on ${recheck} (line)`);
  // The raw table stays until the run is applied or dropped: the apply reads the lines recognised as unchanged
  // (db/queries/import-unchanged.ts) again, to see whether their student changed since.
  return { accepted, recheck: left!.n };
}

/** The statement that stages the raw lines the checks accept (exported for EXPLAIN in the bench). */
export function acceptStatement(runId: number, context: CheckContext): SQL {
  const raw = sql.raw(`"${rawTableName(runId)}"`);
  const stage = sql.raw(`"${stagingTableName(runId)}"`);
  const f = (column: ImportColumn) => sql.raw(`r.${rawColumn(context.positions[column])}`);
  const boards = JSON.stringify([...context.boards].filter(([, id]) => context.onlyBoardId === null || id === context.onlyBoardId).map(([code, id]) => ({ code, id })));
  const schools = JSON.stringify(
    [...context.schools].map(([key, id]) => {
      const slash = key.indexOf("/");
      return { board_id: Number(key.slice(0, slash)), code: key.slice(slash + 1), id };
    }),
  );
  const lengthsOk = sql.join(IMPORT_COLUMNS.map((column) => sql`length(${f(column)}) <= ${sql.raw(String(MAX_FIELD_LENGTH))}`), sql` and `);
  const trimmed = (column: ImportColumn) => sql`btrim(${f(column)}, ' ')`;
  const date = trimmed("date_naissance");
  const email = (column: ImportColumn) => sql`case when ${trimmed(column)} = '' then null
    when ${trimmed(column)} ~ ${sql.raw(EMAIL)} and strpos(${trimmed(column)}, '@') <= 65
      and length(${trimmed(column)}) - strpos(${trimmed(column)}, '@') <= 63 then ${asciiLower(trimmed(column))}
    else 'invalid' end`;
  const fiche = sql`replace(replace(${f("fiche")}, ' ', ''), '-', '')`;
  const codePermanent = asciiUpper(sql`replace(replace(${f("code_permanent")}, ' ', ''), '-', '')`);

  return sql`
    with board_codes as (select * from jsonb_to_recordset(${boards}::jsonb) as b(code text, id int)),
    school_codes as (select * from jsonb_to_recordset(${schools}::jsonb) as s(board_id int, code text, id int)),
    shaped as (
      select r.line, r.fingerprint,
        ${trimmed("organisme")} as organisme, ${trimmed("ecole")} as ecole,
        case when ${fiche} ~ '^[eE]?[0-9]+$' and ${f("fiche")} ~ '^[0-9eE -]+$'
          then ${normalizedFiche(f("fiche"))} end as fiche,
        case when ${trimmed("code_permanent")} = '' then null
          when ${f("code_permanent")} ~ '^[A-Za-z0-9 -]+$' and ${codePermanent} ~ '^[A-Z]{4}[0-9]{6}(?:[0-9]{2})?$' then ${codePermanent}
          else 'invalid' end as code_permanent,
        case when ${f("nom")} ~ ${sql.raw(NAME)} then ${cleaned(f("nom"))} end as last_name,
        case when ${f("prenom")} ~ ${sql.raw(NAME)} then ${cleaned(f("prenom"))} end as first_name,
        case when ${f("niveau")} ~ ${sql.raw(GRADE)} then ${cleaned(f("niveau"))} end as grade,
        case when ${date} ~ '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$' then string_to_array(${date}, '-')::int[] end as ymd,
        ${email("courriel_1")} as email1, ${email("courriel_2")} as email2
      from ${raw} r
      where ${lengthsOk}
        -- lines already recognised as a student's current values (db/queries/import-unchanged.ts) are not checked
        and not exists (select 1 from ${sql.raw(`"${sameTableName(runId)}"`)} u where u.line = r.line)
      -- a fence: each field's checks run once per line, not once per condition that reads them
      offset 0),
    valid as (
      select v.line, v.fingerprint, b.id as board_id, s.id as school_id, v.fiche, nullif(v.code_permanent, 'invalid') as code_permanent,
        v.last_name, v.first_name, nullif(v.grade, '') as grade,
        make_date(v.y, v.m, v.d) as birth_date,
        coalesce(v.email1, v.email2) as email1,
        case when v.email1 is not null and v.email2 <> v.email1 then v.email2 end as email2
      from (select v.*, v.ymd[1] as y, v.ymd[2] as m, v.ymd[3] as d from shaped v) v
      join board_codes b on b.code = ${normalizedCode(sql`v.organisme`)}
      join school_codes s on s.board_id = b.id and s.code = ${normalizedCode(sql`v.ecole`)}
      where v.organisme ~ ${sql.raw(CODE)} and v.ecole ~ ${sql.raw(CODE)}
        and length(v.fiche) <= 7
        and v.code_permanent is distinct from 'invalid'
        and v.last_name <> '' and length(v.last_name) <= ${sql.raw(String(MAX_NAME_LENGTH))}
        and v.first_name <> '' and length(v.first_name) <= ${sql.raw(String(MAX_NAME_LENGTH))}
        and length(v.grade) <= ${sql.raw(String(MAX_GRADE_LENGTH))}
        and v.y >= 1000 and v.m between 1 and 12 and v.d between 1 and case
          when v.m in (4, 6, 9, 11) then 30
          when v.m <> 2 then 31
          when (v.y % 4 = 0 and v.y % 100 <> 0) or v.y % 400 = 0 then 29
          else 28 end
        and lpad(v.y::text, 4, '0') || '-' || lpad(v.m::text, 2, '0') || '-' || lpad(v.d::text, 2, '0')
          between ${oldestBirthDate(context.today)} and ${context.today}
        and v.email1 is distinct from 'invalid' and v.email2 is distinct from 'invalid')
    insert into ${stage} (line, board_id, fiche, rejected, school_id, code_permanent, last_name, first_name, birth_date, grade,
      search_name, email1, email2, fingerprint)
    select line, board_id, fiche, null, school_id, code_permanent, last_name, first_name, birth_date, grade,
      ${unfoldedSpaces(sql`folded`)}, email1, email2, fingerprint
    from (select *, ${foldedNames(sql`last_name`, sql`first_name`)} as folded from valid) v`;
}

/**
 * foldForSearch of two names that match NAME: marks off (only letters NFD splits into a base letter and marks get
 * here, so what is left is ASCII: lower case under the C collation), lower case, hyphens and apostrophes as spaces;
 * then unfoldedSpaces makes the spaces single.
 * translate() over the accented letters costs 5x more.
 */
export const foldedNames = (lastName: SQL, firstName: SQL) =>
  sql`lower(translate(case when octet_length(${lastName}) + octet_length(${firstName}) = length(${lastName}) + length(${firstName})
          then ${lastName} || ' ' || ${firstName}
          else regexp_replace(normalize(${lastName} || ' ' || ${firstName}, NFD), '[\u0300-\u036f]', '', 'g') end,
        '''-', '  ') collate "C")`;

export const unfoldedSpaces = (folded: SQL) =>
  sql`btrim(case when strpos(${folded}, '  ') > 0 then regexp_replace(${folded}, '  +', ' ', 'g') else ${folded} end, ' ')`;

/** The lines left to recheck, as fields in file order, with their fingerprint, in batches (keyset on the line number). */
export async function* recheckLines(
  executor: Executor,
  runId: number,
  fieldCount: number,
  batchSize = 5000,
): AsyncGenerator<{ line: number; fields: string[]; fingerprint: string }[]> {
  const recheck = sql.raw(`"${recheckTableName(runId)}"`);
  let after = 0;
  for (;;) {
    const batch = executedRows<Record<string, string | number>>(
      await executor.execute(sql`select * from ${recheck} where line > ${after} order by line limit ${batchSize}`),
    );
    if (batch.length === 0) return;
    yield batch.map((row) => ({
      line: Number(row.line),
      fields: Array.from({ length: fieldCount }, (_, i) => String(row[rawColumn(i)])),
      fingerprint: String(row.fingerprint),
    }));
    after = Number(batch[batch.length - 1]!.line);
  }
}

export async function dropRecheckTable(executor: Executor, runId: number) {
  await executor.execute(sql.raw(`drop table if exists "${recheckTableName(runId)}"`));
}

function rowCount(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return Number(r.count ?? r.affectedRows ?? r.rowCount ?? 0);
}
