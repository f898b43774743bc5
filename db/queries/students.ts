// Student records as staff find and read them, always restricted to the staff member's scope.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { associations, guardianEmails, nips, parentAccounts, schoolBoards, schools, staffUsers, students } from "@/db/schema";
import { attemptsOfStudent, type AttemptView } from "@/db/queries/attempts";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";

export type StudentDetail = {
  student: {
    id: number;
    fiche: string;
    codePermanent: string | null;
    lastName: string;
    firstName: string;
    birthDate: string;
    grade: string | null;
    archivedAt: Date | null;
    updatedAt: Date;
  };
  school: { id: number; name: string; code: string; phone: string | null; email: string | null };
  board: { id: number; name: string; code: string; subscribed: boolean; nipLifetimeMinutes: number };
  guardianEmails: { id: number; email: string; position: number; updatedAt: Date }[];
  /** Active associations: the parent accounts that can open this child's file. */
  associations: { id: string; parentAccountId: string; email: string; since: Date; method: "match" | "nip" }[];
  /** The NIP that could still be used, if any (never its code, which is not stored). */
  activeNip: { id: string; expiresAt: Date; emailedTo: string | null; issuedBy: string; createdAt: Date } | null;
  attempts: AttemptView[];
};

/** A student's page for staff; null when the student does not exist or is outside the scope. */
export async function getStudentForStaff(scope: StaffScope, studentId: number): Promise<StudentDetail | null> {
  if (!Number.isSafeInteger(studentId) || studentId <= 0) return null;
  const [row] = await db
    .select({ student: students, school: schools, board: schoolBoards })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
    .where(and(eq(students.id, studentId), scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId })));
  if (!row) return null;

  const [emails, linked, [activeNip], attempts] = await Promise.all([
    db
      .select({ id: guardianEmails.id, email: guardianEmails.email, position: guardianEmails.position, updatedAt: guardianEmails.updatedAt })
      .from(guardianEmails)
      .where(eq(guardianEmails.studentId, studentId))
      .orderBy(guardianEmails.position, guardianEmails.id),
    db
      .select({
        id: associations.id,
        parentAccountId: associations.parentAccountId,
        email: parentAccounts.email,
        since: associations.createdAt,
        method: associations.method,
      })
      .from(associations)
      .innerJoin(parentAccounts, eq(parentAccounts.id, associations.parentAccountId))
      .where(and(eq(associations.studentId, studentId), isNull(associations.revokedAt)))
      .orderBy(asc(associations.createdAt)),
    db
      .select({
        id: nips.id,
        expiresAt: nips.expiresAt,
        emailedTo: nips.emailedTo,
        issuedBy: staffUsers.name,
        createdAt: nips.createdAt,
      })
      .from(nips)
      .innerJoin(staffUsers, eq(staffUsers.id, nips.issuedByStaffId))
      .where(
        and(
          eq(nips.studentId, studentId),
          isNull(nips.revokedAt),
          isNull(nips.consumedAt),
          sql`${nips.expiresAt} > now()`,
        ),
      )
      .orderBy(desc(nips.createdAt))
      .limit(1),
    attemptsOfStudent(scope, studentId),
  ]);

  const { student, school, board } = row;
  return {
    student: {
      id: student.id,
      fiche: student.fiche,
      codePermanent: student.codePermanent,
      lastName: student.lastName,
      firstName: student.firstName,
      birthDate: student.birthDate,
      grade: student.grade,
      archivedAt: student.archivedAt,
      updatedAt: student.updatedAt,
    },
    school: { id: school.id, name: school.name, code: school.code, phone: school.phone, email: school.email },
    board: {
      id: board.id,
      name: board.name,
      code: board.code,
      subscribed: board.subscribed,
      nipLifetimeMinutes: board.nipLifetimeMinutes,
    },
    guardianEmails: emails,
    associations: linked,
    activeNip: activeNip ?? null,
    attempts,
  };
}

export type LockedStudent = {
  id: number;
  boardId: number;
  schoolId: number;
  schoolName: string;
  nipLifetimeMinutes: number;
};

/**
 * Inside a staff change: the student, if in scope, with its row locked until the transaction ends, so two staff
 * members changing the same record (emails, NIPs) are applied one after the other.
 */
export async function lockStudentInScope(tx: Transaction, scope: StaffScope, studentId: number): Promise<LockedStudent | null> {
  const [row] = await tx
    .select({
      id: students.id,
      boardId: students.boardId,
      schoolId: students.schoolId,
      schoolName: schools.name,
      nipLifetimeMinutes: schoolBoards.nipLifetimeMinutes,
    })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
    .where(and(eq(students.id, studentId), scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId })))
    .for("update", { of: students });
  return row ?? null;
}
