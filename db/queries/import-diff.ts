// What an import changes, computed in SQL as sets, and the set-based writes that apply it.
// The diff joins the run's staging table to the board's students once (on board and fiche) and keeps only what
// differs in a temporary table of the current transaction: new students, changed or restored ones, students whose
// set of guardian emails changes, and the board's students the file no longer lists. An unchanged file leaves it
// empty, so counting, sampling and applying it touch no live row. Computed again when applying, so edits made
// since the dry run are seen.
import { and, asc, eq, isNull, not, or, sql, type SQL } from "drizzle-orm";
import { boolean, date, integer, pgTable, text } from "drizzle-orm/pg-core";
import { executedRows, type Transaction } from "@/db/client";
import { auditLog, bigintText, guardianEmails, schoolBoards, schools, students, type ImportRun } from "@/db/schema";
import { sameTableName, type StagingTable } from "@/db/queries/import-staging";
import { EMPTY_CHANGES_SAMPLE, type ChangesSample, type DiffCounts, type StudentSample } from "@/lib/import/report";

/** How many changes of each kind the dry-run report shows. */
const SAMPLE_SIZE = 20;

/** The temporary table of one transaction's diff (dropped at commit or rollback). */
const diff = pgTable("import_diff", {
  /** The staged line; null for a student the file no longer lists. */
  line: integer(),
  /** The matching student; null for a new one. */
  studentId: integer(),
  boardId: integer().notNull(),
  fiche: text().notNull(),
  schoolId: integer(),
  codePermanent: text(),
  lastName: text(),
  firstName: text(),
  birthDate: date({ mode: "string" }),
  grade: text(),
  searchName: text(),
  email1: text(),
  email2: text(),
  /** The line's fingerprint (import-unchanged.ts), written to the student with the line's values. */
  fingerprint: bigintText(),
  wasArchived: boolean().notNull(),
  fieldsChanged: boolean().notNull(),
  emailsChanged: boolean().notNull(),
  /**
   * The line changes nothing, but its student has no fingerprint yet (written before fingerprints, or edited since
   * and then set back to the file's values): the apply stores the line's, so the next import recognises it.
   */
  fingerprintMissing: boolean().notNull(),
  /** An active student of the board the file no longer lists: archived on apply. */
  gone: boolean().notNull(),
});

/**
 * These statements join whole tables: hash joins are always right, and a nested loop (chosen when statistics are
 * stale, e.g. right after a large import) turns them quadratic. Memory enough for a million-row hash table, so the
 * joins and the duplicate check do not spill to disk. For the current transaction only.
 */
export async function preferBulkJoins(tx: Transaction) {
  await tx.execute(sql`set local enable_nestloop = off`);
  await tx.execute(sql`set local work_mem = '128MB'`);
}

const fileEmails = (email1: SQL | unknown, email2: SQL | unknown): SQL => sql`array_remove(array[${email1}, ${email2}], null)`;

/** A student's current guardian emails, in répondant order (a correlated subquery: used on few rows). */
function emailsOfStudent(studentId: SQL | typeof diff.studentId): SQL<string[]> {
  return sql<string[]>`coalesce((select array_agg(g.email order by g.position, g.email) from ${guardianEmails} g
    where g.student_id = ${studentId}), '{}'::text[])`;
}

/**
 * Builds the transaction's diff table. One join of the staged lines to the students (and to the current guardian
 * emails of those students, aggregated per student), keeping the rows where anything differs; then the board's
 * active students neither a staged line nor a recognised one names (a rejected line that still names its student
 * keeps it).
 * Guardian emails compare as sets: order is the répondant position, not a change of address.
 */
export async function computeDiff(tx: Transaction, stage: StagingTable, boards: number[], runId: number) {
  // Lines recognised as their student's current values (db/queries/import-unchanged.ts): unchanged, still listed.
  const same = sql.raw(`"${sameTableName(runId)}"`);
  const boardList = sql.join(boards.map((id) => sql`${id}::int`), sql`, `);
  await tx.execute(sql`
    create temp table import_diff on commit drop as
    with current_emails as (
      select g.student_id, array_agg(g.email) as emails
      from ${guardianEmails} g
      where g.student_id in (select st.id from ${stage} s join ${students} st on st.board_id = s.board_id and st.fiche = s.fiche
        where s.rejected is null)
      group by g.student_id),
    compared as (
      select s.line, st.id as student_id, s.board_id, s.fiche, s.school_id, s.code_permanent, s.last_name, s.first_name,
        s.birth_date, s.grade, s.search_name, s.email1, s.email2, s.fingerprint,
        coalesce(st.archived_at is not null, false) as was_archived,
        st.id is not null and (st.school_id, st.code_permanent, st.last_name, st.first_name, st.birth_date, st.grade)
          is distinct from (s.school_id, s.code_permanent, s.last_name, s.first_name, s.birth_date, s.grade) as fields_changed,
        st.id is not null and not (coalesce(c.emails, '{}'::text[]) @> ${fileEmails(sql`s.email1`, sql`s.email2`)}
          and coalesce(c.emails, '{}'::text[]) <@ ${fileEmails(sql`s.email1`, sql`s.email2`)}) as emails_changed,
        st.id is not null and st.import_fingerprint is null and s.fingerprint is not null as fingerprint_missing
      from ${stage} s
      left join ${students} st on st.board_id = s.board_id and st.fiche = s.fiche
      left join current_emails c on c.student_id = st.id
      where s.rejected is null)
    select *, false as gone from compared
    where student_id is null or was_archived or fields_changed or emails_changed or fingerprint_missing`);
  // When no line was staged and the recognised lines name as many students as the boards have active ones, they name
  // them all (each a distinct active student of these boards): none is gone, and the anti-join below (a million
  // students against a million lines, 0.8 CPU-s) is not needed. Only an import creates or archives students, and the
  // apply holds its boards, so the counts cannot be fooled meanwhile.
  const [counts] = executedRows<{ all_named: boolean }>(await tx.execute(sql`
    select not exists (select 1 from ${stage})
      and (select count(*) from ${same}) = (select count(*) from ${students} st
        where st.board_id in (${boardList}) and st.archived_at is null) as all_named`));
  if (!counts!.all_named) await tx.execute(sql`
    insert into import_diff (line, student_id, board_id, fiche, school_id, was_archived, fields_changed, emails_changed,
      fingerprint_missing, gone)
    select null, st.id, st.board_id, st.fiche, st.school_id, false, false, false, false, true
    from ${students} st
    where st.board_id in (${boardList}) and st.archived_at is null
      and not exists (select 1 from ${stage} s where s.board_id = st.board_id and s.fiche = st.fiche)
      and not exists (select 1 from ${same} u where u.student_id = st.id)`);
  await tx.execute(sql`analyze import_diff`);
}

/**
 * The diff's counts; `valid` is the number of valid staged lines (the unchanged ones are not in the diff, or only to
 * store their fingerprint). `fingerprintsToStore`: unchanged students the apply gives their line's fingerprint.
 */
export async function diffCounts(tx: Transaction, valid: number): Promise<{ counts: DiffCounts; fingerprintsToStore: number }> {
  const changes = sql`(${diff.studentId} is null or ${diff.wasArchived} or ${diff.fieldsChanged} or ${diff.emailsChanged})`;
  const [row] = await tx
    .select({
      newStudents: sql<number>`count(*) filter (where not ${diff.gone} and ${diff.studentId} is null)`.mapWith(Number),
      changedStudents: sql<number>`count(*) filter (where not ${diff.gone} and ${diff.studentId} is not null
        and not ${diff.wasArchived} and ${diff.fieldsChanged})`.mapWith(Number),
      restoredStudents: sql<number>`count(*) filter (where not ${diff.gone} and ${diff.wasArchived})`.mapWith(Number),
      guardianEmailChanges: sql<number>`count(*) filter (where not ${diff.gone} and ${diff.emailsChanged})`.mapWith(Number),
      inFile: sql<number>`count(*) filter (where not ${diff.gone} and ${changes})`.mapWith(Number),
      disappeared: sql<number>`count(*) filter (where ${diff.gone})`.mapWith(Number),
      fingerprintsToStore: sql<number>`count(*) filter (where not ${diff.gone} and not ${changes})`.mapWith(Number),
    })
    .from(diff);
  const { inFile, fingerprintsToStore, ...counts } = row!;
  return { counts: { ...counts, unchanged: valid - inFile }, fingerprintsToStore };
}

/** Whether the diff holds anything to write. */
export function changesAnything(counts: DiffCounts): boolean {
  return counts.newStudents + counts.changedStudents + counts.restoredStudents + counts.guardianEmailChanges + counts.disappeared > 0;
}

export async function sampleChanges(tx: Transaction): Promise<ChangesSample> {
  const fileSample = {
    fiche: diff.fiche,
    lastName: sql<string>`${diff.lastName}`,
    firstName: sql<string>`${diff.firstName}`,
    schoolCode: schools.code,
    boardCode: schoolBoards.code,
  };
  const inFile = not(diff.gone);
  const newStudents = await tx
    .select(fileSample)
    .from(diff)
    .innerJoin(schools, eq(schools.id, diff.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, diff.boardId))
    .where(and(inFile, isNull(diff.studentId)))
    .orderBy(asc(diff.line))
    .limit(SAMPLE_SIZE);
  const changedRows = await tx
    .select({
      ...fileSample,
      school: sql<boolean>`${students.schoolId} is distinct from ${diff.schoolId}`,
      codePermanent: sql<boolean>`${students.codePermanent} is distinct from ${diff.codePermanent}`,
      lastNameChanged: sql<boolean>`${students.lastName} is distinct from ${diff.lastName}`,
      firstNameChanged: sql<boolean>`${students.firstName} is distinct from ${diff.firstName}`,
      birthDate: sql<boolean>`${students.birthDate} is distinct from ${diff.birthDate}`,
      grade: sql<boolean>`${students.grade} is distinct from ${diff.grade}`,
      restored: sql<boolean>`${diff.wasArchived}`,
    })
    .from(diff)
    .innerJoin(students, eq(students.id, diff.studentId))
    .innerJoin(schools, eq(schools.id, diff.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, diff.boardId))
    .where(and(inFile, or(diff.wasArchived, diff.fieldsChanged)))
    .orderBy(asc(diff.line))
    .limit(SAMPLE_SIZE);
  const changedStudents = changedRows.map(({ school, codePermanent, lastNameChanged, firstNameChanged, birthDate, grade, restored, ...sample }) => ({
    ...sample,
    fields: Object.entries({ restored, school, codePermanent, lastName: lastNameChanged, firstName: firstNameChanged, birthDate, grade })
      .filter(([, changed]) => changed)
      .map(([field]) => field),
  }));
  const guardianEmailChanges = await tx
    .select({ ...fileSample, before: emailsOfStudent(diff.studentId), after: sql<string[]>`${fileEmails(diff.email1, diff.email2)}` })
    .from(diff)
    .innerJoin(schools, eq(schools.id, diff.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, diff.boardId))
    .where(and(inFile, diff.emailsChanged))
    .orderBy(asc(diff.line))
    .limit(SAMPLE_SIZE);
  const disappeared: StudentSample[] = await tx
    .select({
      fiche: students.fiche,
      lastName: students.lastName,
      firstName: students.firstName,
      schoolCode: schools.code,
      boardCode: schoolBoards.code,
    })
    .from(diff)
    .innerJoin(students, eq(students.id, diff.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
    .where(sql`${diff.gone}`)
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id))
    .limit(SAMPLE_SIZE);

  return { ...EMPTY_CHANGES_SAMPLE, newStudents, changedStudents, guardianEmails: guardianEmailChanges, disappeared };
}

/** One audit row per existing student whose set of guardian emails changes, with before and after. */
export async function auditGuardianEmailChanges(tx: Transaction, run: ImportRun, staffId: string) {
  await tx.execute(sql`
    insert into ${auditLog} (actor_staff_id, action, board_id, school_id, student_id, details)
    select ${staffId}::uuid, 'import.guardian_emails_changed', d.board_id, d.school_id, d.student_id,
      jsonb_build_object('importRunId', ${run.id}::int, 'line', d.line,
        'before', to_jsonb(${emailsOfStudent(sql`d.student_id`)}), 'after', to_jsonb(${fileEmails(sql`d.email1`, sql`d.email2`)}))
    from import_diff d
    where not d.gone and d.emails_changed
    order by d.line`);
}

/**
 * New, changed and restored students only: an unchanged student gets no new row version, no updated_at bump (but
 * the line's fingerprint once when it has none, and with a change of its guardian emails alone).
 * New students are inserted in (board, name) order, the order of the name indexes, so a large load appends to
 * their pages instead of touching a random page per row (a third less time for 1 M new students, see
 * bench/import.ts), by a plain INSERT: only an import writes students, and the apply holds its boards' rows, so
 * no (board, fiche) of the diff's new students can have appeared since (no speculative insertion per row).
 * A new student's has_guardian_email is written with the row, so the guardian_emails trigger that keeps it has
 * nothing to update (rewriting a million rows would cost as much as inserting them); an existing student's is left
 * to that trigger. Changed and restored students are updated in place, only if something still differs.
 */
export async function upsertStudents(tx: Transaction) {
  await tx.execute(sql`
    insert into ${students} (board_id, school_id, fiche, code_permanent, last_name, first_name, birth_date, grade, search_name,
      has_guardian_email, import_fingerprint)
    select board_id, school_id, fiche, code_permanent, last_name, first_name, birth_date, grade, search_name,
      email1 is not null or email2 is not null, fingerprint
    from import_diff where not gone and student_id is null
    order by board_id, search_name`);
  await tx.execute(sql`
    update ${students} st set
      school_id = d.school_id, code_permanent = d.code_permanent, last_name = d.last_name, first_name = d.first_name,
      birth_date = d.birth_date, grade = d.grade, search_name = d.search_name, archived_at = null, updated_at = now(),
      import_fingerprint = d.fingerprint
    from import_diff d
    where not d.gone and d.student_id = st.id and (d.fields_changed or d.was_archived)
      and (st.archived_at is not null
        or (st.school_id, st.code_permanent, st.last_name, st.first_name, st.birth_date, st.grade)
          is distinct from (d.school_id, d.code_permanent, d.last_name, d.first_name, d.birth_date, d.grade))`);
  // Students the line leaves as they are, or whose guardian emails alone it changes: the line's fingerprint only
  // (no updated_at bump: the record did not change).
  await tx.execute(sql`
    update ${students} st set import_fingerprint = d.fingerprint
    from import_diff d
    where not d.gone and d.student_id = st.id and not (d.fields_changed or d.was_archived)
      and (d.emails_changed or d.fingerprint_missing) and st.import_fingerprint is distinct from d.fingerprint`);
}

/** Archives, in one statement, the board's active students the file no longer lists. */
export async function archiveGone(tx: Transaction) {
  await tx.execute(sql`
    update ${students} st set archived_at = now(), updated_at = now()
    from import_diff d
    where d.gone and st.id = d.student_id and st.archived_at is null`);
}

/**
 * Guardian emails as sets: of a student whose set changed, the addresses the file no longer lists are deleted and
 * the new ones inserted (a kept address whose répondant position moved is renumbered); a new student's are
 * inserted. In student order, the order of the (student, email) index.
 */
export async function replaceGuardianEmails(tx: Transaction) {
  await tx.execute(sql`
    delete from ${guardianEmails} g
    using import_diff d
    where not d.gone and d.emails_changed and g.student_id = d.student_id
      and g.email <> all(${fileEmails(sql`d.email1`, sql`d.email2`)})`);
  // New students' emails: nobody else can have given them any yet (plain INSERT).
  await tx.execute(sql`
    insert into ${guardianEmails} (student_id, email, position)
    select st.id, e.email, e.position
    from import_diff d
    join ${students} st on st.board_id = d.board_id and st.fiche = d.fiche
    cross join lateral (values (d.email1, 1), (d.email2, 2)) as e(email, position)
    where not d.gone and d.student_id is null and e.email is not null
    order by 1, e.position`);
  await tx.execute(sql`
    insert into ${guardianEmails} (student_id, email, position)
    select d.student_id, e.email, e.position
    from import_diff d
    cross join lateral (values (d.email1, 1), (d.email2, 2)) as e(email, position)
    where not d.gone and d.student_id is not null and d.emails_changed and e.email is not null
    order by 1, e.position
    on conflict (student_id, email) do update set position = excluded.position, updated_at = now()
      where ${guardianEmails}.position <> excluded.position`);
}
