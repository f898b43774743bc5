// Association attempts as staff see them ("Why did it fail?"): scoped, filtered, with the record each one was
// compared with.
//
// Scope: an attempt belongs to its candidate student's school and board. An attempt without a candidate (student
// not found, unknown NIP) belongs to the board the parent chose: board support of that board and admins see it, a
// secretary does not, because nothing ties it to her school and it holds another family's typed details. An
// attempt with neither candidate nor board is visible to admins only.
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
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
import { containsPattern, startsAWord } from "@/lib/sql-like";
import { classifyNameQuery, type NameTerm } from "@/lib/student-query";
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

/** A typed word as a literal in a regular expression (they are letters and digits; anything else is escaped). */
function escapeRegex(word: string): string {
  return word.replace(/[^\p{L}\p{N}]/gu, (c) => `\\${c}`);
}

/** How a name word is tested (classifyNameQuery): contained in the text, or starting one of its words. */
function termIn(text: SQL | AnyColumn, term: NameTerm): SQL {
  return term.match === "contains" ? sql`${text} like ${containsPattern(term.text)}` : startsAWord(text, term.text);
}

/**
 * As termIn, in the form a trigram index serves in one scan: a word start as the regular expression `(^| )word`
 * (pg_trgm extracts the trigrams that start a word from it) rather than two LIKEs.
 */
function termByTrigrams(text: SQL | AnyColumn, term: NameTerm): SQL {
  return term.match === "contains" ? sql`${text} like ${containsPattern(term.text)}` : sql`${text} ~ ${`(^| )${escapeRegex(term.text)}`}`;
}

/** The word of a query looked up first: a contained one (most letters first), else the short word with most letters. */
function keyTerm(terms: NameTerm[]): NameTerm {
  const letters = (term: NameTerm) => term.text.replace(/[^a-z0-9]/g, "").length;
  const rank = (term: NameTerm) => (term.match === "contains" ? 1000 : 0) + letters(term) * 10 + Math.min(term.text.length, 9);
  return terms.reduce((best, term) => (rank(term) > rank(best) ? term : best));
}

/**
 * How the province's attempts are found by a name (migration 0034): every word in search_names, the typed names and
 * the candidate's name in one column, either through its trigram index ("index": the words' trigrams intersected,
 * those attempts read and sorted) or by walking the newest refusals with their names from
 * association_attempts_refused_names_idx alone ("walk", until 1,000 match). The planner chooses from its estimate
 * of the name's matches (the column's statistics); a test forces each way (it must give the same attempts). On the
 * bench database (490,000 refusals), a rare name ("ng thi", 194 refusals) by the index in ~10 ms, a common one
 * ("lan", "thi", "ducharme") by a walk of 15,000-85,000 index entries in 8-40 ms; a walk that finds nothing reads
 * every refusal (0.3-0.65 s), which the planner leaves to the index. Every outcome (no walk of the refusals) reads the
 * trigram index's matches from the table.
 */
export type ProvinceWay = "index" | "walk";

/** The planner's settings that force a way, local to the read's transaction (withoutParallelWorkers). */
function forceProvinceWay(way: ProvinceWay): SQL {
  const off = way === "index" ? ["enable_seqscan", "enable_indexscan", "enable_indexonlyscan"] : ["enable_seqscan", "enable_bitmapscan"];
  return sql`select ${sql.join(off.map((name) => sql`set_config(${name}, 'off', true)`), sql`, `)}`;
}

/**
 * Name words, read as the student search reads them (classifyNameQuery in lib/student-query.ts): each word of 3+
 * letters is in the record's name or in the names the parent typed, each word of one or two letters starts a word
 * of one of them. Every such attempt has its key word (keyTerm) in one of the two, so that word is looked up first
 * where an index finds it (the scope's records by name, then their attempts through association_attempts_student_idx;
 * the typed names through their trigram index within the scope's boards), and only those attempts are tested word by
 * word, instead of every attempt in scope. A short word is a word start, which the trigram index serves too: pg_trgm
 * extracts the trigrams that start a word ("  n", " ng") from `(^| )ng`. Province-wide, every word is sought in the
 * attempts' search_names: see ProvinceWay.
 */
function nameCondition(scope: StaffScope, terms: NameTerm[]): SQL {
  if (scope.kind === "all") {
    // Every word in search_names (migration 0034): the typed names and the record's name, separated by a space, which
    // no word of letters and digits spans.
    return and(...terms.map((term) => termByTrigrams(associationAttempts.searchNames, term)))!;
  }
  const typedNames = typedNamesKey(associationAttempts.typed);
  const everyTerm = and(...terms.map((term) => or(termIn(students.searchName, term), termIn(typedNames, term))))!;
  const key = keyTerm(terms);
  // The scope's records are walked in its name index (coalesce keeps the planner from the province-wide indexes, as
  // in student-search.ts).
  const recordName = sql`coalesce(${students.searchName}, '')`;
  const recordsInScope = scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId });
  const typedNamed = and(typedInBoards(scope), termByTrigrams(typedNames, key))!;
  if (key.match === "wordStart") {
    // The scope's records so named (a walk of its name index: a board's 42,000 entries at most, a school's
    // 12,000) and their attempts, or the typed names so named within the scope's boards: two bitmaps, and only
    // their attempts are read and tested. (A secretary's search read every refusal of her board or every record
    // of her school before: a large school's 15-20 ms, now 5-7.)
    const recordsNamed = sql`${associationAttempts.candidateStudentId} = any(array(
      select ${students.id} from ${students} where ${recordsInScope} and ${startsAWord(recordName, key.text)}))`;
    return and(or(recordsNamed, typedNamed), everyTerm)!;
  }
  const recordsNamed = sql`${associationAttempts.candidateStudentId} = any(array(
    select ${students.id} from ${students}
    where ${recordsInScope}
      and ${recordName} like ${containsPattern(key.text)}))`;
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
  const name = classifyNameQuery(query);
  // Nothing searchable (punctuation, single letters): nothing matches, as in the student search.
  if (name.kind === "unmatchable") return sql`false`;
  return nameCondition(scope, name.terms);
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

/**
 * `total` is at most ATTEMPT_COUNT_CAP; `totalCapped` says there are more. `studentUnmatchable`: the student filter
 * holds nothing to search (no identifier, no name word of two letters: "n", "%"), so nothing was searched.
 */
export type AttemptPage = {
  rows: AttemptView[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  studentUnmatchable: boolean;
};

/** Attempts the scope may see, newest first, filtered by parent email, student, school and date range. */
/** For tests: how a province-wide name is searched (see ProvinceWay), instead of the planner's choice. */
export type AttemptSearchOptions = { provinceWay?: ProvinceWay };

export async function searchAttemptsForStaff(
  scope: StaffScope,
  filters: Partial<AttemptFilters> = {},
  options: AttemptSearchOptions = {},
): Promise<AttemptPage> {
  const page = filters.page ?? 1;
  const offset = (page - 1) * ATTEMPT_PAGE_SIZE;
  const student = filters.student;
  if (student !== undefined && parseStudentIdentifier(student).kind === "invalid" && classifyNameQuery(student).kind === "unmatchable") {
    return { rows: [], total: 0, totalCapped: false, page, pageSize: ATTEMPT_PAGE_SIZE, studentUnmatchable: true };
  }
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
      studentUnmatchable: false,
    };
  };
  // A whole address or an identifier is an index lookup of a few rows, never planned with workers; the scope's
  // lists (newest, by name, by school or date) may be, when they count a board's refusals.
  const byKey =
    (filters.email !== undefined && emailSchema.safeParse(normalizeEmail(filters.email)).success) ||
    (filters.student !== undefined && parseStudentIdentifier(filters.student).kind !== "invalid");
  const forced = scope.kind === "all" && student !== undefined ? options.provinceWay : undefined;
  if (byKey) return read(db);
  return withoutParallelWorkers(async (tx) => {
    if (forced) await tx.execute(forceProvinceWay(forced));
    return read(tx);
  });
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
