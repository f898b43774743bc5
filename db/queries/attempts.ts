// Association attempts as staff see them ("Why did it fail?"): scoped, filtered, with the record each one was
// compared with.
//
// Scope: an attempt belongs to its candidate student's school and board. An attempt without a candidate (student
// not found, unknown NIP) belongs to the board the parent chose: board support of that board and admins see it, a
// secretary does not, because nothing ties it to her school and it holds another family's typed details. An
// attempt with neither candidate nor board is visible to admins only.
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import {
  associationAttempts,
  guardianEmails,
  parentAccounts,
  schoolBoards,
  schools,
  students,
  type AttemptInput,
  type AttemptReason,
} from "@/db/schema";
import type { AttemptOutcome } from "@/lib/association/attempt-outcome";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { normalizeEmail } from "@/lib/email-address";
import { emailSchema } from "@/lib/validations/auth";
import { boardColumnInScope, boardOfSchool, boardsOfSchools } from "@/db/queries/scope-schools";
import { withoutParallelWorkers } from "@/db/serial-read";
import { typedFicheKey, typedIdentifierKey, typedNamesKey } from "@/db/typed-identifier";
import { parseStudentIdentifier } from "@/lib/identifiers";
import { timeZone } from "@/lib/i18n/locale";
import { foldForSearch } from "@/lib/names";
import { containsPattern } from "@/lib/sql-like";
import { ATTEMPT_PAGE_SIZE, type AttemptFilters } from "@/lib/validations/staff";

export type AttemptCandidate = {
  id: number;
  fiche: string;
  codePermanent: string | null;
  lastName: string;
  firstName: string;
  birthDate: string;
  schoolId: number;
  schoolName: string;
  guardianEmails: { id: number; email: string }[];
};

export type AttemptView = {
  id: string;
  createdAt: Date;
  method: "match" | "nip";
  success: boolean;
  /** A re-submission of a child already associated with the account is not a failure (see attempt-outcome.ts). */
  outcome: AttemptOutcome;
  parentAccountId: string;
  parentEmail: string;
  board: { id: number; name: string; nipLifetimeMinutes: number } | null;
  typed: AttemptInput;
  reasons: AttemptReason[];
  userAgent: string | null;
  /** The record the attempt was compared with, as it is now. */
  candidate: AttemptCandidate | null;
};

/** Which attempts a scope may read; see the module header. */
export function attemptScopeFilter(scope: StaffScope): SQL {
  const candidateInScope = and(
    isNotNull(students.id),
    scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId }),
  )!;
  if (scope.kind === "all") return sql`true`;
  // A candidate is always a record of the board the attempt was made in (the rule searches that board; a NIP's
  // board is its student's), so the attempt's own board_id narrows the attempts read first, through
  // association_attempts_board_idx; the candidate's school or board is checked as well, so the scope holds even if
  // that ever changed. (Without the board, a large school's newest failures were sought among the province's.)
  if (scope.kind === "schools") {
    // One school (most secretaries) as an equality, which the planner estimates as one board's share and combines
    // with the other indexes; an array of boards it estimates blindly, and then read a name's province-wide
    // matches in the typed names' index one by one instead of within the board.
    return and(boardColumnInScope(associationAttempts.boardId, scope), candidateInScope)!;
  }
  return and(
    eq(associationAttempts.boardId, scope.boardId),
    or(isNull(students.id), eq(students.boardId, scope.boardId)),
  )!;
}

/**
 * Failed attempts: refused, not a re-submission of an already associated child. `success = false` is kept beside
 * the outcome so a board's failures are still read through association_attempts_board_idx (board, success, date).
 */
export function refusedAttempt(): SQL {
  return and(eq(associationAttempts.success, false), eq(associationAttempts.outcome, "refused"))!;
}

/** Start of a calendar day in the schools' time zone, as a timestamptz. */
function startOfLocalDay(isoDate: string, plusDays = 0): SQL {
  return sql`((${isoDate}::date + ${plusDays}::int)::timestamp at time zone ${timeZone})`;
}

/**
 * Name words: each is in the record's name or in the names the parent typed. Every such attempt has its longest
 * word in one of the two, so that word is looked up first where an index finds it (the scope's records by name,
 * then their attempts through association_attempts_student_idx; the typed names through their trigram index),
 * and only those attempts are tested word by word, instead of every attempt in scope. Words shorter than three
 * letters have no trigram: a query made only of those tests the scope's attempts one by one (a board's, on their own
 * columns before their record is read).
 */
function nameCondition(scope: StaffScope, terms: string[]): SQL {
  const typedNames = typedNamesKey(associationAttempts.typed);
  const everyTerm = and(
    ...terms.map((term) =>
      or(sql`${students.searchName} like ${containsPattern(term)}`, sql`${typedNames} like ${containsPattern(term)}`),
    ),
  )!;
  const key = terms.reduce((longest, term) => (term.length > longest.length ? term : longest));
  // Within a school or a board, the scope's records are walked in its name index (coalesce keeps the planner off
  // the province-wide trigram index, as in student-search.ts); province-wide, the trigram index finds them.
  const recordName = scope.kind === "all" ? sql`${students.searchName}` : sql`coalesce(${students.searchName}, '')`;
  if (key.length < 3) {
    // No trigram. A secretary's attempts are those of her schools' records, which the planner reads first; the
    // province's are too many to do better. A board's are read one by one, but tested first on their own columns:
    // the candidate among the board's records so named (a hashed subplan, built once from its name index) or the
    // names typed; only those that pass are joined to their record for the other words, instead of every one.
    if (scope.kind !== "board") return everyTerm;
    const recordsNamedHashed = sql`${associationAttempts.candidateStudentId} in (
      select ${students.id} from ${students}
      where ${scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId })}
        and ${recordName} like ${containsPattern(key)})`;
    return and(or(recordsNamedHashed, sql`${typedNames} like ${containsPattern(key)}`), everyTerm)!;
  }
  const recordsNamed = sql`${associationAttempts.candidateStudentId} = any(array(
    select ${students.id} from ${students}
    where ${scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId })}
      and ${recordName} like ${containsPattern(key)}))`;
  const typedNamed = and(typedInBoards(scope), sql`${typedNames} like ${containsPattern(key)}`)!;
  return and(or(recordsNamed, typedNamed), everyTerm)!;
}

/**
 * The scope's boards as association_attempts_board_typed_names_idx reads them (its first column, array[board_id]),
 * so that a name typed by parents is sought within the scope's boards in the index itself rather than province-wide
 * and then narrowed: a board's attempts are 3 % of the province's. Redundant with the scope's own condition.
 */
function typedInBoards(scope: StaffScope): SQL | undefined {
  const boards = sql`array[${associationAttempts.boardId}]`;
  if (scope.kind === "all") return undefined;
  if (scope.kind === "board") return sql`${boards} @> array[${scope.boardId}::int]`;
  if (scope.schoolIds.length === 1) return sql`${boards} @> array[${boardOfSchool(scope.schoolIds[0]!)}]`;
  return sql`${boards} && ${boardsOfSchools(scope.schoolIds)}`;
}

function studentCondition(scope: StaffScope, query: string): SQL | undefined {
  const identifier = parseStudentIdentifier(query);
  // Either side is an index lookup: the records carrying the identifier (their attempts through the candidate
  // index), or what the parent typed (association_attempts_typed_*_idx), so the planner ORs two bitmaps.
  const candidateAmong = (records: SQL) =>
    sql`${associationAttempts.candidateStudentId} = any(array(select ${students.id} from ${students} where ${records}))`;
  if (identifier.kind === "fiche") {
    return or(
      candidateAmong(sql`${students.fiche} = ${identifier.fiche}`),
      sql`${typedFicheKey(associationAttempts.typed)} = ${identifier.fiche}`,
    );
  }
  if (identifier.kind === "codePermanent") {
    return or(
      candidateAmong(sql`${students.codePermanent} = ${identifier.codePermanent}`),
      sql`${typedIdentifierKey(associationAttempts.typed)} = ${identifier.codePermanent}`,
    );
  }
  const terms = foldForSearch(query).split(" ").filter(Boolean);
  if (terms.length === 0) return undefined;
  return nameCondition(scope, terms);
}

function filterConditions(scope: StaffScope, filters: Partial<AttemptFilters>): SQL[] {
  const conditions: SQL[] = [];
  if (filters.outcome !== "all") conditions.push(refusedAttempt());
  if (filters.email) {
    // A whole address (what staff paste) is looked up in the accounts' email index; a part of one is searched for.
    const email = normalizeEmail(filters.email);
    conditions.push(
      emailSchema.safeParse(email).success ? eq(parentAccounts.email, email) : sql`${parentAccounts.email} like ${containsPattern(email)}`,
    );
  }
  if (filters.student) {
    const condition = studentCondition(scope, filters.student);
    if (condition) conditions.push(condition);
  }
  if (filters.school) conditions.push(eq(students.schoolId, filters.school));
  if (filters.from) conditions.push(gte(associationAttempts.createdAt, startOfLocalDay(filters.from)));
  if (filters.to) conditions.push(lt(associationAttempts.createdAt, startOfLocalDay(filters.to, 1)));
  return conditions;
}

const attemptFields = {
  id: associationAttempts.id,
  createdAt: associationAttempts.createdAt,
  method: associationAttempts.method,
  success: associationAttempts.success,
  outcome: associationAttempts.outcome,
  parentAccountId: associationAttempts.parentAccountId,
  parentEmail: parentAccounts.email,
  boardId: schoolBoards.id,
  boardName: schoolBoards.name,
  nipLifetimeMinutes: schoolBoards.nipLifetimeMinutes,
  typed: associationAttempts.typed,
  reasons: associationAttempts.reasons,
  userAgent: associationAttempts.userAgent,
  candidateId: students.id,
  fiche: students.fiche,
  codePermanent: students.codePermanent,
  lastName: students.lastName,
  firstName: students.firstName,
  birthDate: students.birthDate,
  schoolId: schools.id,
  schoolName: schools.name,
  // In the same statement, rather than one more round trip for the page's candidates.
  guardianEmails: sql<{ id: number; email: string }[] | null>`(
    select json_agg(json_build_object('id', ${guardianEmails.id}, 'email', ${guardianEmails.email})
      order by ${guardianEmails.position}, ${guardianEmails.id})
    from ${guardianEmails} where ${guardianEmails.studentId} = ${students.id})`,
};

function attemptRows(executor: Executor = db) {
  return executor
    .select(attemptFields)
    .from(associationAttempts)
    .innerJoin(parentAccounts, eq(parentAccounts.id, associationAttempts.parentAccountId))
    .leftJoin(schoolBoards, eq(schoolBoards.id, associationAttempts.boardId))
    .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
    .leftJoin(schools, eq(schools.id, students.schoolId));
}

/**
 * One row per attempt with the joins of attemptRows that the scope and filters read: to be counted. Every attempt
 * has its account (a required foreign key), so the accounts are joined only when the filters read the email.
 */
function attemptMatches(executor: Executor = db, withAccount = false) {
  const query = executor
    .select({ id: associationAttempts.id, createdAt: associationAttempts.createdAt })
    .from(associationAttempts)
    .$dynamic();
  return (withAccount ? query.innerJoin(parentAccounts, eq(parentAccounts.id, associationAttempts.parentAccountId)) : query)
    .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId));
}

type AttemptRow = Awaited<ReturnType<typeof attemptRows>>[number];

function toViews(rows: AttemptRow[]): AttemptView[] {
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    method: row.method,
    success: row.success,
    outcome: row.outcome,
    parentAccountId: row.parentAccountId,
    parentEmail: row.parentEmail,
    board:
      row.boardId === null
        ? null
        : { id: row.boardId, name: row.boardName ?? "", nipLifetimeMinutes: row.nipLifetimeMinutes ?? 15 },
    typed: row.typed,
    reasons: row.reasons,
    userAgent: row.userAgent,
    candidate:
      row.candidateId === null
        ? null
        : {
            id: row.candidateId,
            fiche: row.fiche!,
            codePermanent: row.codePermanent,
            lastName: row.lastName!,
            firstName: row.firstName!,
            birthDate: row.birthDate!,
            schoolId: row.schoolId!,
            schoolName: row.schoolName ?? "",
            guardianEmails: row.guardianEmails ?? [],
          },
  }));
}

/** Matches are counted up to this many: an exact count of a province's failures would read them all. */
export const ATTEMPT_COUNT_CAP = 1000;

/** `total` is at most ATTEMPT_COUNT_CAP; `totalCapped` says there are more. */
export type AttemptPage = { rows: AttemptView[]; total: number; totalCapped: boolean; page: number; pageSize: number };

/** Attempts the scope may see, newest first, filtered by parent email, student, school and date range. */
export async function searchAttemptsForStaff(scope: StaffScope, filters: Partial<AttemptFilters> = {}): Promise<AttemptPage> {
  const page = filters.page ?? 1;
  const offset = (page - 1) * ATTEMPT_PAGE_SIZE;
  const where = and(attemptScopeFilter(scope), ...filterConditions(scope, filters));
  const newestFirst = [desc(associationAttempts.createdAt), desc(associationAttempts.id)];
  const read = async (executor: Executor): Promise<AttemptPage> => {
    // One read finds the matches in order and counts them up to the cap, from the attempts' indexes and the
    // candidates' scope alone (a board's refusals: association_attempts_refused_board_idx); the page's rows are
    // then read with their details, instead of every match before the page being joined to accounts and schools.
    const matching = attemptMatches(executor, Boolean(filters.email))
      .where(where)
      .orderBy(...newestFirst)
      .limit(Math.max(offset + ATTEMPT_PAGE_SIZE, ATTEMPT_COUNT_CAP + 1))
      .as("matching");
    const [{ counted, pageIds }] = await executor
      .select({
        counted: count(),
        pageIds: sql<string[] | null>`(array_agg(${matching.id} order by ${matching.createdAt} desc, ${matching.id} desc))[${offset + 1}:${offset + ATTEMPT_PAGE_SIZE}]`,
      })
      .from(matching);
    const ids = pageIds ?? [];
    const rows = ids.length === 0 ? [] : await attemptRows(executor).where(inArray(associationAttempts.id, ids)).orderBy(...newestFirst);
    return {
      rows: toViews(rows),
      total: Math.min(counted, ATTEMPT_COUNT_CAP),
      totalCapped: counted > ATTEMPT_COUNT_CAP,
      page,
      pageSize: ATTEMPT_PAGE_SIZE,
    };
  };
  // A whole address or an identifier is an index lookup of a few rows, never planned with workers; the scope's
  // lists (newest, by name, by school or date) may be, when they count a board's refusals.
  const byKey =
    (filters.email !== undefined && emailSchema.safeParse(normalizeEmail(filters.email)).success) ||
    (filters.student !== undefined && parseStudentIdentifier(filters.student).kind !== "invalid");
  return byKey ? read(db) : withoutParallelWorkers(read);
}

/** One student's attempts, newest first (the caller has checked the student is in scope; the filter holds anyway). */
export async function attemptsOfStudent(scope: StaffScope, studentId: number, limit = 20): Promise<AttemptView[]> {
  const rows = await attemptRows()
    .where(and(attemptScopeFilter(scope), eq(associationAttempts.candidateStudentId, studentId)))
    .orderBy(desc(associationAttempts.createdAt), desc(associationAttempts.id))
    .limit(limit);
  return toViews(rows);
}

/** Attempts by id (those a ticket links), newest first, as the scope may read them. */
export async function attemptsByIds(scope: StaffScope, ids: string[]): Promise<AttemptView[]> {
  if (ids.length === 0) return [];
  const rows = await attemptRows()
    .where(and(attemptScopeFilter(scope), inArray(associationAttempts.id, ids)))
    .orderBy(desc(associationAttempts.createdAt), desc(associationAttempts.id));
  return toViews(rows);
}
