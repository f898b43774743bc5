// Staff student search: one box (fiche, code permanent, parent email or name words) plus filters, sorted and paged
// by the server, always within the staff member's scope. Each kind of query is served by its own index, so it
// stays fast at province scale (see bench/search.ts): fiche → students_fiche_idx or (board_id, fiche),
// code permanent → students_code_permanent_idx, email → guardian_emails_email_idx, name words → the trigram index
// on students.search_name, the whole scope in name order → students_search_name_idx.
import { and, asc, desc, eq, exists, inArray, isNull, not, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { withoutParallelWorkers } from "@/db/serial-read";
import { associations, guardianEmails, schoolBoards, schools, students } from "@/db/schema";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
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

/** LIKE wildcards and the escape character itself match literally (PostgreSQL's default escape is "\"). */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * How name words are matched. Within a school or a board the matches are found by walking that scope's index in
 * name order (index-only, bounded by the scope's size, a few milliseconds even for 40,000 students): the words are
 * then tested on `coalesce(search_name, '')`, which the trigram index does not serve, so the planner cannot pick
 * it — on these few-name-rich data its posting lists cost more than the walk. Province-wide, the trigram index
 * finds them: each word of 3+ letters as `search_name LIKE '%word%'`. search_name is single-space separated words,
 * so a short word must start a word: at the beginning or after a space; it is tested on the rows the longer words
 * selected (`' ' || search_name` keeps it out of the index, whose posting lists for one or two letters are huge),
 * or alone through the index.
 */
function nameCondition(terms: NameTerm[], walk: boolean): SQL {
  const name = walk ? sql`coalesce(${students.searchName}, '')` : sql`${students.searchName}`;
  const hasIndexedTerm = terms.some((term) => term.match === "contains");
  return and(
    ...terms.map((term) => {
      const text = escapeLike(term.text);
      if (term.match === "contains") return sql`${name} like ${`%${text}%`}`;
      if (walk || hasIndexedTerm) return sql`(' ' || ${students.searchName}) like ${`% ${text}%`}`;
      return or(sql`${name} like ${`${text}%`}`, sql`${name} like ${`% ${text}%`}`)!;
    }),
  )!;
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

type SortColumns = Record<"id" | "searchName" | "fiche" | "birthDate" | "schoolName", AnyColumn>;

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

export async function searchStudents(scope: StaffScope, params: StudentSearchParams): Promise<StudentSearchResult> {
  const query = classifyStudentQuery(params.q);
  const page = Math.min(Math.max(1, params.page), STUDENT_SEARCH_MAX_PAGE);
  if (query.kind === "unmatchable") return emptyResult(query, params);
  // A list of the whole province is never what an admin needs, and filtering it reads millions of rows.
  if (scope.kind === "all" && query.kind === "all" && params.schoolId === undefined) {
    return emptyResult(query, params, "queryOrSchool");
  }
  // Of the searches staff make, only lists filtered by account probe every match in scope (an associations lookup
  // each): those are the plans the planner runs with parallel workers, whose start costs more than they save here.
  // The others are index walks that stop at the page, and skip the transaction's two round trips.
  if (params.account !== undefined) return withoutParallelWorkers((tx) => findMatches(tx, scope, params, query, page));
  return findMatches(db, scope, params, query, page);
}

async function findMatches(
  tx: Executor,
  scope: StaffScope,
  params: StudentSearchParams,
  query: StudentQuery,
  page: number,
): Promise<StudentSearchResult> {
  const pageSize = STUDENT_SEARCH_PAGE_SIZE;

  const where = and(
    scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId }),
    // One board at most: walk its index (see nameCondition).
    queryCondition(query, scope.kind !== "all" || params.schoolId !== undefined),
    ...filterConditions(params),
  );

  const countCap = COUNT_CAP[scope.kind];
  const offset = (page - 1) * pageSize;
  const sortColumns = {
    id: students.id, searchName: students.searchName, fiche: students.fiche, birthDate: students.birthDate, schoolName: schools.name,
  };
  let sort = params.sort;
  // Province-wide, a name that is common reads thousands of index entries before the cap is reached (a walk in
  // name order stops at the last row it needs), so a page in name order reads its own rows and one more, which
  // tells whether a next page exists: the total is exact only when the matches end on this page.
  const countedInNameOrder = scope.kind === "all" && sort.key === "nom" ? offset + pageSize : Math.max(offset + pageSize, countCap);
  const wantedInNameOrder = countedInNameOrder + 1;

  // The matches are found as ids alone in name order, so a walk reads only an index (an index-only scan of
  // (scope, search_name, id, grade)); the same read counts them up to the cap. Only the page's rows are detailed.
  const nameOrder = sort.key === "nom" ? sort : DEFAULT_STUDENT_SORT;
  let matches: { id: number }[] = await tx
    .select({ id: students.id })
    .from(students)
    .where(where)
    .orderBy(...orderBy(nameOrder, sortColumns))
    .limit(wantedInNameOrder);
  let wanted = wantedInNameOrder;

  // Another order than by name needs every match read and sorted: it is applied only when the matches are all
  // counted (no more than the cap); then only those rows are read and sorted. With more matches the results stay
  // in name order, and the walk above already holds them.
  if (sort.key !== "nom") {
    if (matches.length > countCap) {
      sort = DEFAULT_STUDENT_SORT;
    } else {
      let sortQuery = tx.select({ id: students.id }).from(students).$dynamic();
      if (sort.key === "ecole") sortQuery = sortQuery.innerJoin(schools, eq(schools.id, students.schoolId));
      matches =
        matches.length === 0
          ? []
          : await sortQuery.where(inArray(students.id, matches.map((row) => row.id))).orderBy(...orderBy(sort, sortColumns));
      wanted = countCap + 1;
    }
  }
  const pageIds = matches.slice(offset, offset + pageSize).map((match) => match.id);
  const more = matches.length === wanted;

  const found =
    pageIds.length === 0
      ? []
      : await tx
          .select({
            id: students.id,
            fiche: students.fiche,
            codePermanent: students.codePermanent,
            lastName: students.lastName,
            firstName: students.firstName,
            birthDate: students.birthDate,
            grade: students.grade,
            archivedAt: students.archivedAt,
            schoolId: students.schoolId,
            schoolName: schools.name,
            boardName: schoolBoards.name,
            guardianEmails: sql<string[]>`array(
              select ${guardianEmails.email} from ${guardianEmails}
              where ${guardianEmails.studentId} = ${students.id}
              order by ${guardianEmails.position}, ${guardianEmails.id})`,
            associatedAccounts: sql<number>`(
              select count(*)::int from ${associations}
              where ${associations.studentId} = ${students.id} and ${associations.revokedAt} is null)`,
          })
          .from(students)
          .innerJoin(schools, eq(schools.id, students.schoolId))
          .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
          .where(inArray(students.id, pageIds));
  const position = new Map(pageIds.map((id, i) => [id, i]));
  const rows = found
    .sort((a, b) => position.get(a.id)! - position.get(b.id)!)
    .map(({ archivedAt, guardianEmails: emails, ...student }) => ({
      ...student,
      archived: archivedAt !== null,
      guardianEmails: emails ?? [],
    }));

  return {
    rows,
    total: more ? wanted - 1 : matches.length,
    totalCapped: more,
    hasNextPage: matches.length > offset + pageSize && page < STUDENT_SEARCH_MAX_PAGE,
    query,
    page,
    pageSize,
    sort,
    sortIgnored: sort.key !== params.sort.key,
    narrowing: null,
  };
}

