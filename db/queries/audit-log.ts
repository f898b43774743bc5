// Reading the audit log (the app only ever inserts into it; a trigger refuses UPDATE and DELETE): newest first,
// filtered, paged by keyset on the id, and scoped by the board and school each row is filed under.
// Rows filed under no board (e.g. a change by an admin on an account tied to no student) are seen by admins only.
import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { auditLog, parentAccounts, schoolBoards, schools, staffUsers, students } from "@/db/schema";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { normalizeEmail } from "@/lib/email-address";
import { parseStudentIdentifier } from "@/lib/identifiers";
import { foldForSearch } from "@/lib/names";
import { containsPattern } from "@/lib/sql-like";
import { withinLocalDays } from "@/lib/sql-local-day";
import { AUDIT_PAGE_SIZE, type AuditFilters } from "@/lib/validations/audit-log";

export type AuditRow = {
  id: number;
  createdAt: Date;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  studentId: number | null;
  student: { id: number; lastName: string; firstName: string; fiche: string } | null;
  account: { id: string; email: string } | null;
  boardName: string | null;
  schoolName: string | null;
  details: Record<string, unknown>;
};

export type AuditPage = {
  rows: AuditRow[];
  /** Cursor of the next (older) page, null on the last one. */
  olderThan: number | null;
  /** Cursor of the previous (newer) page, null on the first one. */
  newerThan: number | null;
};

export function auditScopeFilter(scope: StaffScope): SQL {
  return scopeFilter(scope, { boardId: auditLog.boardId, schoolId: auditLog.schoolId });
}

const subjectStudent = alias(students, "subject_student");

function studentCondition(query: string): SQL | undefined {
  const identifier = parseStudentIdentifier(query);
  if (identifier.kind === "fiche") return eq(subjectStudent.fiche, identifier.fiche);
  if (identifier.kind === "codePermanent") return eq(subjectStudent.codePermanent, identifier.codePermanent);
  const terms = foldForSearch(query).split(" ").filter(Boolean);
  if (terms.length === 0) return undefined;
  return and(...terms.map((term) => sql`${subjectStudent.searchName} like ${containsPattern(term)}`));
}

/**
 * Rows about an account: those filed under it, and changes of guardian emails from or to its address (filed
 * under the student; the account may not even exist yet). "before"/"after" hold one address (a staff fix) or a
 * list (an import): jsonb containment matches both.
 */
function accountCondition(query: string): SQL {
  const email = normalizeEmail(query);
  const address = sql`to_jsonb(${email}::text)`;
  return or(
    sql`${parentAccounts.email} like ${containsPattern(email)}`,
    sql`${auditLog.details}->'before' @> ${address}`,
    sql`${auditLog.details}->'after' @> ${address}`,
  )!;
}

function filterConditions(filters: Partial<AuditFilters>): SQL[] {
  const conditions: (SQL | undefined)[] = [];
  if (filters.actor) conditions.push(eq(auditLog.actorStaffId, filters.actor));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.studentId) conditions.push(eq(auditLog.studentId, filters.studentId));
  if (filters.student) conditions.push(studentCondition(filters.student) ?? sql`false`);
  if (filters.account) conditions.push(accountCondition(filters.account));
  conditions.push(withinLocalDays(auditLog.createdAt, filters.from, filters.to));
  return conditions.filter((c): c is SQL => c !== undefined);
}

function auditRows() {
  return db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      details: auditLog.details,
      auditStudentId: auditLog.studentId,
      actorId: staffUsers.id,
      actorName: staffUsers.name,
      actorEmail: staffUsers.email,
      studentId: subjectStudent.id,
      studentLastName: subjectStudent.lastName,
      studentFirstName: subjectStudent.firstName,
      studentFiche: subjectStudent.fiche,
      accountId: parentAccounts.id,
      accountEmail: parentAccounts.email,
      boardName: schoolBoards.name,
      schoolName: schools.name,
    })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorStaffId))
    .leftJoin(subjectStudent, eq(subjectStudent.id, auditLog.studentId))
    .leftJoin(parentAccounts, eq(parentAccounts.id, auditLog.parentAccountId))
    .leftJoin(schoolBoards, eq(schoolBoards.id, auditLog.boardId))
    .leftJoin(schools, eq(schools.id, auditLog.schoolId));
}

type RawRow = Awaited<ReturnType<typeof auditRows>>[number];

function toRow(row: RawRow): AuditRow {
  return {
    id: row.id,
    createdAt: row.createdAt,
    action: row.action,
    details: row.details,
    actor: row.actorId ? { id: row.actorId, name: row.actorName!, email: row.actorEmail! } : null,
    studentId: row.auditStudentId,
    student: row.studentId
      ? { id: row.studentId, lastName: row.studentLastName!, firstName: row.studentFirstName!, fiche: row.studentFiche! }
      : null,
    account: row.accountId ? { id: row.accountId, email: row.accountEmail! } : null,
    boardName: row.boardName,
    schoolName: row.schoolName,
  };
}

/**
 * One page of the log the scope may read, newest first. `before` gives the page older than that id, `after` the
 * page newer than it (read upwards, then put back in newest-first order).
 */
export async function searchAuditLog(
  scope: StaffScope,
  filters: Partial<AuditFilters> = {},
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  const base = [auditScopeFilter(scope), ...filterConditions(filters)];
  const goingUp = filters.after !== undefined && filters.before === undefined;
  const cursor = goingUp
    ? gt(auditLog.id, filters.after!)
    : filters.before !== undefined
      ? lt(auditLog.id, filters.before)
      : undefined;
  const fetched = await auditRows()
    .where(and(...base, cursor))
    .orderBy(goingUp ? asc(auditLog.id) : desc(auditLog.id))
    .limit(pageSize + 1);
  const more = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (goingUp) page.reverse();
  const rows = page.map(toRow);
  const newest = rows[0]?.id;
  const oldest = rows[rows.length - 1]?.id;

  const hasOlder = goingUp ? oldest !== undefined && (await existsBeyond(base, lt(auditLog.id, oldest))) : more;
  const hasNewer = goingUp
    ? more
    : filters.before !== undefined && newest !== undefined && (await existsBeyond(base, gt(auditLog.id, newest)));
  return {
    rows,
    olderThan: hasOlder && oldest !== undefined ? oldest : null,
    newerThan: hasNewer && newest !== undefined ? newest : null,
  };
}

async function existsBeyond(base: SQL[], beyond: SQL): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .leftJoin(subjectStudent, eq(subjectStudent.id, auditLog.studentId))
    .leftJoin(parentAccounts, eq(parentAccounts.id, auditLog.parentAccountId))
    .where(and(...base, beyond))
    .limit(1);
  return row !== undefined;
}

export type AuditFilterOptions = { actors: { id: string; name: string; email: string }[]; actions: string[] };

/** The staff members and action names found in the scope's log, for the filter lists. */
export async function auditFilterOptions(scope: StaffScope): Promise<AuditFilterOptions> {
  const [actors, actions] = await Promise.all([
    db
      .selectDistinct({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email })
      .from(auditLog)
      .innerJoin(staffUsers, eq(staffUsers.id, auditLog.actorStaffId))
      .where(auditScopeFilter(scope))
      .orderBy(asc(staffUsers.name), asc(staffUsers.email), asc(staffUsers.id)),
    db
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .where(auditScopeFilter(scope))
      .orderBy(asc(auditLog.action)),
  ]);
  return { actors, actions: actions.map((a) => a.action) };
}
