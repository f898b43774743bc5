// Staff student search: one box (fiche, code permanent, parent email or name words) plus filters, sorted and paged
// by the server, always within the staff member's scope. Each kind of query is served by its own index, so it
// stays fast at province scale (see bench/search.ts): fiche → students_fiche_idx or (board_id, fiche),
// code permanent → students_code_permanent_idx, email → guardian_emails_email_idx, name words → a walk of the
// scope's name index or, over a board or the province, the word index students_name_words_idx when the words are
// rare enough; the whole scope in name order → students_search_name_idx.
import { and, asc, desc, eq, exists, inArray, isNull, not, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { nameWordsMatch } from "@/db/queries/name-words-match";
import { readPrepared } from "@/db/read-then-write";
import { associations, guardianEmails, schools, students } from "@/db/schema";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { containsPattern, escapeLike, startsAWord, textArrayLiteral } from "@/lib/sql-like";
import { classifyStudentQuery, type NameTerm, type StudentQuery } from "@/lib/student-query";
import {
  STUDENT_SEARCH_MAX_PAGE,
  STUDENT_SEARCH_PAGE_SIZE,
  DEFAULT_STUDENT_SORT,
  type StudentSearchParams,
  type StudentSort,
} from "@/lib/validations/student-search";

export type StudentSearchRow = {
  id: number;
  fiche: string;
  codePermanent: string | null;
  lastName: string;
  firstName: string;
  birthDate: string;
  grade: string | null;
  archived: boolean;
  schoolId: number;
  schoolName: string;
  boardName: string;
  guardianEmails: string[];
  associatedAccounts: number;
};

export type StudentSearchResult = {
  rows: StudentSearchRow[];
  /** Exact when not `totalCapped`; otherwise there are more matches than this (COUNT_CAP, or what paging read). */
  total: number;
  totalCapped: boolean;
  /** Whether a next page exists (pages stop at STUDENT_SEARCH_MAX_PAGE). */
  hasNextPage: boolean;
  /** How the box was read ("unmatchable": nothing searched, e.g. only punctuation or single letters). */
  query: StudentQuery;
  page: number;
  pageSize: number;
  /** The order applied: by name when another was asked for more matches than are counted (COUNT_CAP). */
  sort: StudentSort;
  sortIgnored: boolean;
  /** Set when nothing was searched because the search must be narrowed first (province-wide lists). */
  narrowing: "queryOrSchool" | null;
};

/**
 * How many matches are counted before the total reads "N+". Finding them costs a read each, so the province-wide
 * scope stops sooner; within a school or a board, the walk is bounded by its size. Province-wide results in name
 * order are not counted beyond the page shown (see findMatches); the cap there bounds the matches another order
 * sorts.
 */
export const COUNT_CAP: Record<StaffScope["kind"], number> = { schools: 1000, board: 1000, all: 100 };

/**
 * How name words are matched: each word of 3+ letters must appear in `search_name` (`LIKE '%word%'`); search_name
 * is single-space separated words, so a short word must start a word: at the beginning or after a space.
 *
 * Within a school or a board the matches are found by walking that scope's index in name order (index-only,
 * bounded by the scope's size, a few milliseconds even for 40,000 students): the words are tested on
 * `coalesce(search_name, '')`, which no index serves, so the planner walks. Province-wide the matches are found
 * either the same way, walking students_search_name_idx (`walk: false`: the words tested on search_name itself, whose
 * 1,000-bucket histogram tells the planner how far the walk goes). A board or the province may instead find them
 * through the word index (nameWordsCondition): see namePlan for the choice.
 */
function nameCondition(terms: NameTerm[], walk: boolean): SQL {
  const name = walk ? sql`coalesce(${students.searchName}, '')` : sql`${students.searchName}`;
  const hasIndexedTerm = terms.some((term) => term.match === "contains");
  return and(
    ...terms.map((term) => {
      const text = escapeLike(term.text);
      if (term.match === "contains") return sql`${name} like ${containsPattern(term.text)}`;
      if (walk || hasIndexedTerm) return startsAWord(students.searchName, term.text);
      return or(sql`${name} like ${`${text}%`}`, sql`${name} like ${`% ${text}%`}`)!;
    }),
  )!;
}

/**
 * A typed word with at least two letters the index sees is expanded to the stored words it matches
 * (student_name_words): a fragment to the words containing it, a one- or two-letter word to the words starting with
 * it. A word of one letter would expand to a good part of the vocabulary: it is tested on the rows the others found.
 */
const expands = (term: NameTerm) => term.text.replace(/[^a-z0-9]/g, "").length >= 2;

/**
 * The name words as conditions the word index serves: a student has one of the stored words each typed word
 * expanded to (`wordSets`, in the order of the expanded terms). Since a typed word is letters and digits only, "a
 * word of the name contains it" is exactly `search_name LIKE '%word%'`, and "a word of the name starts with it"
 * exactly `' ' || search_name LIKE '% word%'`: the same students as nameCondition.
 */
function nameWordsCondition(terms: NameTerm[], wordSets: string[][]): SQL {
  let set = 0;
  return and(
    ...terms.map((term) => {
      if (!expands(term)) return startsAWord(students.searchName, term.text);
      return sql`string_to_array(${students.searchName}, ' ') && ${textArrayLiteral(wordSets[set++]!)}::text[]`;
    }),
  )!;
}

/**
 * What a walk of a name index costs against the word index: per index entry walked, per match the word index finds
 * (measured on the bench database, CPU of the database: ~0.12-0.15 µs to test an index entry's name, ~3-4 µs to
 * read a match's posting entries, fetch its row, test its scope and sort it).
 */
const WALKED_ENTRY_PER_FETCHED_MATCH = 0.04;

type NamePlan = { kind: "walk" } | { kind: "none" } | { kind: "words"; wordSets: string[][] };

/**
 * Over a board or the province, which way finds the first `wanted` matches in name order for less. A walk of the
 * scope's name index reads about `wanted × scope / matches in scope` entries, up to the whole scope (a common name
 * is found within the first few thousand, a rare one reads all of it: the province's 1.5 M entries); the word index
 * reads each word's posting list over the province and fetches every match to sort them (a full name: a few rows).
 * The number of matches is the planner's estimate from the word index's statistics and the scope's size its own,
 * both computed with the expansion, in one call (student_name_words_match, migration 0030).
 */
async function namePlan(terms: NameTerm[], boardId: number | null, wanted: number, always: boolean): Promise<NamePlan> {
  const { words, matches, scope, students: total } = await nameWordsMatch(terms.filter(expands), boardId);
  if (words === null) return { kind: "none" };
  if (always) return { kind: "words", wordSets: words };
  // Before the first ANALYZE the table's size is unknown (-1).
  const inScope = (matches * scope) / Math.max(total, matches, 1);
  const walked = Math.min(scope, (wanted * scope) / Math.max(inScope, 1));
  return matches <= WALKED_ENTRY_PER_FETCHED_MATCH * walked ? { kind: "words", wordSets: words } : { kind: "walk" };
}

function queryCondition(query: StudentQuery, walk: boolean): SQL | undefined {
  switch (query.kind) {
    case "all":
      return undefined;
    case "unmatchable":
      return sql`false`;
    case "fiche":
      return eq(students.fiche, query.fiche);
    case "codePermanent": {
      const code = query.codePermanent;
      if (code.length === 12) return eq(students.codePermanent, code);
      // A 10-character code also finds the record once the ministry completed it (two more digits); the range
      // keeps the index usable, `left` makes the match exact.
      return and(
        sql`${students.codePermanent} between ${code} and ${`${code}99`}`,
        sql`left(${students.codePermanent}, 10) = ${code}`,
      );
    }
    case "email":
      return inArray(
        students.id,
        db.select({ id: guardianEmails.studentId }).from(guardianEmails).where(eq(guardianEmails.email, query.email)),
      );
    case "name":
      return nameCondition(query.terms, walk);
  }
}

function filterConditions(params: StudentSearchParams): SQL[] {
  const conditions: SQL[] = [];
  if (params.schoolId !== undefined) conditions.push(eq(students.schoolId, params.schoolId));
  if (params.grade !== undefined) conditions.push(eq(students.grade, params.grade));
  if (params.account !== undefined) {
    const associated = exists(
      db
        .select({ one: sql`1` })
        .from(associations)
        .where(and(eq(associations.studentId, students.id), isNull(associations.revokedAt))),
    );
    conditions.push(params.account === "avec" ? associated : not(associated));
  }
  if (params.withoutGuardianEmail) {
    // Written as the partial index's predicate (students_without_guardian_email_idx), so the planner uses it.
    conditions.push(sql`not ${students.hasGuardianEmail}`);
  }
  return conditions;
}

type SortColumns = Record<"id" | "searchName" | "fiche" | "birthDate" | "schoolName", AnyColumn | SQL>;

function orderBy(sort: StudentSort, c: SortColumns): SQL[] {
  const direction = sort.descending ? desc : asc;
  switch (sort.key) {
    case "nom":
      return [direction(c.searchName), direction(c.id)];
    case "fiche":
      // Fiches are digits without leading zeros: by length, then text, is numeric order (and never fails a cast).
      return [direction(sql`length(${c.fiche})`), direction(c.fiche), direction(c.id)];
    case "naissance":
      return [direction(c.birthDate), asc(c.searchName), asc(c.id)];
    case "ecole":
      return [direction(c.schoolName), asc(c.searchName), asc(c.id)];
  }
}

function emptyResult(
  query: StudentQuery,
  params: StudentSearchParams,
  narrowing: StudentSearchResult["narrowing"] = null,
): StudentSearchResult {
  return {
    rows: [], total: 0, totalCapped: false, hasNextPage: false, query, page: 1, pageSize: STUDENT_SEARCH_PAGE_SIZE,
    sort: params.sort, sortIgnored: false, narrowing,
  };
}

/**
 * `nameIndex` says how a name search over a board or the province finds its matches, instead of the estimate (tests
 * and benches compare the two ways, which find the same students in the same order).
 */
export type StudentSearchOptions = { nameIndex?: "auto" | "walk" | "words" };

export async function searchStudents(
  scope: StaffScope,
  params: StudentSearchParams,
  options: StudentSearchOptions = {},
): Promise<StudentSearchResult> {
  const query = classifyStudentQuery(params.q);
  const page = Math.min(Math.max(1, params.page), STUDENT_SEARCH_MAX_PAGE);
  if (query.kind === "unmatchable") return emptyResult(query, params);
  // A list of the whole province is never what an admin needs, and filtering it reads millions of rows.
  if (scope.kind === "all" && query.kind === "all" && params.schoolId === undefined) {
    return emptyResult(query, params, "queryOrSchool");
  }
  return findMatches(scope, params, query, page, options);
}

/** A page row as the search's statement returns it (student_search_page, migration 0033). */
type FoundRow = Omit<StudentSearchRow, "guardianEmails"> & { found: number; guardianEmails: string[] | null };

async function findMatches(
  scope: StaffScope,
  params: StudentSearchParams,
  query: StudentQuery,
  page: number,
  options: StudentSearchOptions,
): Promise<StudentSearchResult> {
  const pageSize = STUDENT_SEARCH_PAGE_SIZE;

  const countCap = COUNT_CAP[scope.kind];
  const offset = (page - 1) * pageSize;
  let sort = params.sort;
  // Province-wide, a name that is common reads thousands of index entries before the cap is reached (a walk in
  // name order stops at the last row it needs), so a page in name order reads its own rows and one more, which
  // tells whether a next page exists: the total is exact only when the matches end on this page.
  const countedInNameOrder = scope.kind === "all" && sort.key === "nom" ? offset + pageSize : Math.max(offset + pageSize, countCap);
  const wantedInNameOrder = countedInNameOrder + 1;

  // One board at most: walk its index (see nameCondition). A board or the province may find name words through the
  // word index instead.
  const walk = scope.kind !== "all" || params.schoolId !== undefined;
  let condition = queryCondition(query, walk);
  let byWords = false;
  if (query.kind === "name" && params.schoolId === undefined && scope.kind !== "schools" && options.nameIndex !== "walk") {
    const boardId = scope.kind === "board" ? scope.boardId : null;
    const plan = await namePlan(query.terms, boardId, wantedInNameOrder, options.nameIndex === "words");
    if (plan.kind === "none") condition = sql`false`;
    if (plan.kind === "words") {
      condition = nameWordsCondition(query.terms, plan.wordSets);
      byWords = true;
    }
  }
  // A board's matches by words are the word index's few matches tested for their board (board_id + 0 is served by no
  // index): the planner would otherwise read the board's whole index into a bitmap to intersect them.
  const boardId = byWords ? sql`(${students.boardId} + 0)` : students.boardId;
  const where = and(scopeFilter(scope, { boardId, schoolId: students.schoolId }), condition, ...filterConditions(params));

  const sortColumns = {
    id: students.id, searchName: students.searchName, fiche: students.fiche, birthDate: students.birthDate, schoolName: schools.name,
  };
  // The matches are found as ids alone in name order, so a walk reads only an index (an index-only scan of
  // (scope, search_name, id, grade)); the same read counts them up to the cap. Only the page's rows are detailed.
  // The word index's matches are sorted: ordered by `search_name || ''` (the same order, which no index gives), the
  // planner cannot walk the name index testing each entry's words (~1 µs an entry, against ~0.15 for LIKE).
  const nameOrder = sort.key === "nom" ? sort : DEFAULT_STUDENT_SORT;
  const matchesQuery = db
    .select({ id: students.id })
    .from(students)
    .where(where)
    .orderBy(...orderBy(nameOrder, byWords ? { ...sortColumns, searchName: sql`(${students.searchName} || '')` } : sortColumns))
    .limit(wantedInNameOrder);

  // Another order than by name needs every match read and sorted: it is applied only when the matches are all
  // counted (no more than the cap); then only those rows are read and sorted. With more matches the results stay
  // in name order, and the walk above already holds them.
  let ordered = sql`matched.ids`;
  if (sort.key !== "nom") {
    let sortQuery = db.select({ id: students.id }).from(students).$dynamic();
    if (sort.key === "ecole") sortQuery = sortQuery.innerJoin(schools, eq(schools.id, students.schoolId));
    sortQuery = sortQuery.where(sql`${students.id} = any(matched.ids)`).orderBy(...orderBy(sort, sortColumns));
    ordered = sql`case when cardinality(matched.ids) <= ${countCap}::int then array(${sortQuery}) else matched.ids end`;
  }

  // One statement, prepared by name, so one round trip (drizzle's execute() takes two, a transaction three more):
  // the matches' ids up to the count (ARRAY keeps their order), in the order asked for when they are all counted,
  // and the page's rows with their school, board, guardian emails and active associations (student_search_page,
  // whose query PL/pgSQL plans once per connection). planned_without_workers() keeps the planner from parallel plans
  // (both in migration 0033): lists filtered by account probe every match's associations, and starting workers
  // costs more than they save here. Under load each round trip waits for the app and the server to be scheduled.
  const found = await readPrepared<FoundRow & { position: number | null }>(sql`
    with matched as materialized (select array(${matchesQuery}) as ids),
    ordered as materialized (
      select cardinality(ids) as found, (${ordered})[${offset + 1}::int:${offset + pageSize}::int] as ids from matched)
    select ordered.found, page.*
    from ordered left join lateral student_search_page(ordered.ids) page on true
    where planned_without_workers()
    order by page.position`);
  const matched = Number(found[0]?.found ?? 0);
  let wanted = wantedInNameOrder;
  if (sort.key !== "nom") {
    if (matched > countCap) sort = DEFAULT_STUDENT_SORT;
    else wanted = countCap + 1;
  }
  const more = matched === wanted;

  return {
    rows: found
      .filter((row) => row.position !== null)
      .map(({ found: _found, position: _position, guardianEmails: emails, ...student }) => ({
        ...student,
        guardianEmails: emails ?? [],
      })),
    total: more ? wanted - 1 : matched,
    totalCapped: more,
    hasNextPage: matched > offset + pageSize && page < STUDENT_SEARCH_MAX_PAGE,
    query,
    page,
    pageSize,
    sort,
    sortIgnored: sort.key !== params.sort.key,
    narrowing: null,
  };
}
