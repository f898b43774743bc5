// Staff student search: one box (fiche, code permanent, parent email or name words) plus filters, sorted and paged
// by the server, always within the staff member's scope. Each kind of query is served by its own index, so it
// stays fast at province scale (see bench/search.ts): fiche → students_fiche_idx or (board_id, fiche),
// code permanent → students_code_permanent_idx, email → guardian_emails_email_idx, name words → the trigram index
// on students.search_name, the whole scope in name order → students_search_name_idx.
import { and, asc, count, desc, eq, exists, inArray, isNull, not, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { associations, guardianEmails, schoolBoards, schools, students } from "@/db/schema";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { classifyStudentQuery, type NameTerm, type StudentQuery } from "@/lib/student-query";
import {
  STUDENT_SEARCH_PAGE_SIZE,
  STUDENT_SEARCH_RESULT_CAP,
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
  /** Exact up to STUDENT_SEARCH_RESULT_CAP; when `totalCapped`, there are more than that. */
  total: number;
  totalCapped: boolean;
  /** How the box was read ("unmatchable": nothing searched, e.g. only punctuation or single letters). */
  query: StudentQuery;
  page: number;
  pageSize: number;
};

/** LIKE wildcards and the escape character itself match literally (PostgreSQL's default escape is "\"). */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function nameTermCondition(term: NameTerm): SQL {
  const text = escapeLike(term.text);
  // search_name is single-space separated words, so a word starts at the beginning or after a space.
  return term.match === "contains"
    ? sql`${students.searchName} like ${`%${text}%`}`
    : or(sql`${students.searchName} like ${`${text}%`}`, sql`${students.searchName} like ${`% ${text}%`}`)!;
}

function queryCondition(query: StudentQuery): SQL | undefined {
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
      return and(...query.terms.map(nameTermCondition));
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
    conditions.push(
      not(exists(db.select({ one: sql`1` }).from(guardianEmails).where(eq(guardianEmails.studentId, students.id)))),
    );
  }
  return conditions;
}

function orderBy(sort: StudentSort): SQL[] {
  const direction = sort.descending ? desc : asc;
  switch (sort.key) {
    case "nom":
      return [direction(students.searchName), direction(students.id)];
    case "fiche":
      // Fiches are digits without leading zeros: by length, then text, is numeric order (and never fails a cast).
      return [direction(sql`length(${students.fiche})`), direction(students.fiche), direction(students.id)];
    case "naissance":
      return [direction(students.birthDate), asc(students.searchName), asc(students.id)];
    case "ecole":
      return [direction(schools.name), asc(students.searchName), asc(students.id)];
  }
}

export async function searchStudents(scope: StaffScope, params: StudentSearchParams): Promise<StudentSearchResult> {
  const query = classifyStudentQuery(params.q);
  const pageSize = STUDENT_SEARCH_PAGE_SIZE;
  const page = Math.max(1, params.page);
  if (query.kind === "unmatchable") return { rows: [], total: 0, totalCapped: false, query, page, pageSize };

  const where = and(
    scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId }),
    queryCondition(query),
    ...filterConditions(params),
  );

  const found = await db
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
    })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
    .where(where)
    .orderBy(...orderBy(params.sort))
    .limit(pageSize)
    .offset((page - 1) * pageSize);

  const [{ total, totalCapped }, details] = await Promise.all([
    page === 1 && found.length < pageSize
      ? { total: found.length, totalCapped: false }
      : cappedCount(where),
    pageDetails(found.map((row) => row.id)),
  ]);

  const rows = found.map(({ archivedAt, ...student }) => ({
    ...student,
    archived: archivedAt !== null,
    guardianEmails: details.emails.get(student.id) ?? [],
    associatedAccounts: details.associated.get(student.id) ?? 0,
  }));
  return { rows, total, totalCapped, query, page, pageSize };
}

/** Counting every match of a broad query would read them all; counting stops one past the cap. */
async function cappedCount(where: SQL | undefined): Promise<{ total: number; totalCapped: boolean }> {
  const matches = db
    .select({ one: sql`1`.as("one") })
    .from(students)
    .where(where)
    .limit(STUDENT_SEARCH_RESULT_CAP + 1)
    .as("matches");
  const [{ n }] = await db.select({ n: count() }).from(matches);
  return n > STUDENT_SEARCH_RESULT_CAP
    ? { total: STUDENT_SEARCH_RESULT_CAP, totalCapped: true }
    : { total: n, totalCapped: false };
}

async function pageDetails(ids: number[]) {
  const emails = new Map<number, string[]>();
  const associated = new Map<number, number>();
  if (ids.length === 0) return { emails, associated };
  const [emailRows, associationRows] = await Promise.all([
    db
      .select({ studentId: guardianEmails.studentId, email: guardianEmails.email })
      .from(guardianEmails)
      .where(inArray(guardianEmails.studentId, ids))
      .orderBy(guardianEmails.studentId, guardianEmails.position, guardianEmails.id),
    db
      .select({ studentId: associations.studentId, total: count() })
      .from(associations)
      .where(and(inArray(associations.studentId, ids), isNull(associations.revokedAt)))
      .groupBy(associations.studentId),
  ]);
  for (const { studentId, email } of emailRows) emails.set(studentId, [...(emails.get(studentId) ?? []), email]);
  for (const { studentId, total } of associationRows) associated.set(studentId, total);
  return { emails, associated };
}
