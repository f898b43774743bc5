import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { searchAttemptsForStaff } from "@/db/queries/attempts";
import { dashboardFigures } from "@/db/queries/dashboard";
import { changeGuardianEmail } from "@/db/queries/guardian-emails";
import { issueNip, revokeNip } from "@/db/queries/nips";
import { revokeAssociation } from "@/db/queries/association-revocations";
import { getStudentForStaff } from "@/db/queries/students";
import { searchStudents } from "@/db/queries/student-search";
import { parseStudentSearch } from "@/lib/validations/student-search";

const searchStudentsForStaff = (scope: Parameters<typeof searchStudents>[0], input: { q?: string }) =>
  searchStudents(scope, parseStudentSearch(input));
import { associations, auditLog, guardianEmails, nips, type School, type Student } from "@/db/schema";
import { createParent } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, recordTestAttempt, secretaryOf } from "@/tests/helpers/staff-fixtures";
import type { StaffContext } from "@/db/queries/staff";

// Board 1: schools A and A2. Board 2: school B. One student each, one failed attempt each, plus a board-level
// attempt (student not found) in board 1 and one with neither board nor candidate.
let schoolA: School, schoolA2: School, schoolB: School;
let studentA: Student, studentA2: Student, studentB: Student;
let secretaryA: StaffContext, supportBoard1: StaffContext, admin: StaffContext;
const attemptIds: Record<string, string> = {};

beforeAll(async () => {
  const board1 = await createBoard();
  const board2 = await createBoard();
  schoolA = await createSchool(board1);
  schoolA2 = await createSchool(board1);
  schoolB = await createSchool(board2);
  studentA = await createStudent(schoolA, { lastName: "Côté", firstName: "Léa-Rose", guardianEmails: ["a@exemple.ca"] });
  studentA2 = await createStudent(schoolA2, { lastName: "Côté", firstName: "Samuel", guardianEmails: ["a2@exemple.ca"] });
  studentB = await createStudent(schoolB, { lastName: "Côté", firstName: "Noémie", guardianEmails: ["b@exemple.ca"] });
  secretaryA = await secretaryOf(schoolA);
  supportBoard1 = await boardSupportOf(board1);
  admin = await anAdmin();
  const parent = await createParent("parent.essai@exemple.ca");
  for (const [key, student] of [["A", studentA], ["A2", studentA2], ["B", studentB]] as const) {
    attemptIds[key] = (await recordTestAttempt({ parentAccountId: parent.id, boardId: student.boardId, candidateStudentId: student.id })).id;
  }
  attemptIds.board1NotFound = (
    await recordTestAttempt({ parentAccountId: parent.id, boardId: board1.id, reasons: [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: "999" }] })
  ).id;
  attemptIds.nowhere = (
    await recordTestAttempt({ parentAccountId: parent.id, method: "nip", typed: { nipPrefix: "AB" }, reasons: [{ code: "nip_unknown", field: "nip" }] })
  ).id;
  await db.insert(associations).values({ parentAccountId: parent.id, studentId: studentB.id, method: "match" });
});

const ids = (rows: { id: number | string }[]) => rows.map((r) => r.id).sort();

describe("a secretary of school A", () => {
  it("finds only the students of school A, whatever the query", async () => {
    expect(ids((await searchStudentsForStaff(secretaryA.scope, { q: "cote" })).rows)).toEqual([studentA.id]);
    expect((await searchStudentsForStaff(secretaryA.scope, { q: studentB.fiche })).rows).toEqual([]);
    expect((await searchStudentsForStaff(secretaryA.scope, { q: "b@exemple.ca" })).rows).toEqual([]);
    expect((await searchStudentsForStaff(secretaryA.scope, { q: "" })).total).toBe(1);
  });

  it("cannot open the page of a student of another school", async () => {
    expect(await getStudentForStaff(secretaryA.scope, studentA.id)).not.toBeNull();
    expect(await getStudentForStaff(secretaryA.scope, studentA2.id)).toBeNull();
    expect(await getStudentForStaff(secretaryA.scope, studentB.id)).toBeNull();
  });

  it("sees only the attempts about her school's students, not board-level or unattached ones", async () => {
    const { rows, total } = await searchAttemptsForStaff(secretaryA.scope, {});
    expect(rows.map((r) => r.id)).toEqual([attemptIds.A]);
    expect(total).toBe(1);
    expect((await dashboardFigures(secretaryA.scope)).failedToday).toBe(1);
  });

  it("cannot fix an email, issue a NIP or revoke an association for a student of another school", async () => {
    const [emailB] = await db.select().from(guardianEmails).where(eq(guardianEmails.studentId, studentB.id));
    const change = await changeGuardianEmail(secretaryA.scope, secretaryA.staff.id, {
      mode: "replace",
      studentId: studentB.id,
      guardianEmailId: emailB!.id,
      newEmail: "pirate@exemple.ca",
      reason: "essai hors secteur",
    });
    expect(change).toEqual({ ok: false, reason: "notFound" });
    // Another school's email id on her own student is refused too.
    const crossed = await changeGuardianEmail(secretaryA.scope, secretaryA.staff.id, {
      mode: "remove",
      studentId: studentA.id,
      guardianEmailId: emailB!.id,
      reason: "essai hors secteur",
    });
    expect(crossed).toEqual({ ok: false, reason: "notFound" });

    expect(await issueNip(secretaryA.scope, secretaryA.staff.id, studentB.id)).toEqual({ ok: false, reason: "notFound" });

    const [association] = await db.select().from(associations).where(eq(associations.studentId, studentB.id));
    expect(await revokeAssociation(secretaryA.scope, secretaryA.staff.id, association!.id, "essai")).toEqual({ ok: false, reason: "notFound" });

    expect((await db.select().from(guardianEmails).where(eq(guardianEmails.id, emailB!.id)))[0]!.email).toBe("b@exemple.ca");
    expect(await db.select().from(nips).where(eq(nips.studentId, studentB.id))).toEqual([]);
    expect((await db.select().from(associations).where(eq(associations.id, association!.id)))[0]!.revokedAt).toBeNull();
    expect(await db.select().from(auditLog).where(eq(auditLog.studentId, studentB.id))).toEqual([]);
  });

  it("cannot revoke a NIP of another school's student", async () => {
    const issued = await issueNip(admin.scope, admin.staff.id, studentB.id);
    if (!issued.ok) throw new Error("admin could not issue");
    expect(await revokeNip(secretaryA.scope, secretaryA.staff.id, issued.nip.id)).toEqual({ ok: false, reason: "notFound" });
    expect(await revokeNip(admin.scope, admin.staff.id, issued.nip.id)).toEqual({ ok: true });
  });
});

describe("board support", () => {
  it("sees every school of its board and nothing of another board", async () => {
    expect(ids((await searchStudentsForStaff(supportBoard1.scope, { q: "cote" })).rows)).toEqual(ids([studentA, studentA2]));
    expect(await getStudentForStaff(supportBoard1.scope, studentA2.id)).not.toBeNull();
    expect(await getStudentForStaff(supportBoard1.scope, studentB.id)).toBeNull();
  });

  it("sees its board's attempts, including those that found no student, but not unattached ones", async () => {
    const { rows } = await searchAttemptsForStaff(supportBoard1.scope, {});
    expect(rows.map((r) => r.id).sort()).toEqual([attemptIds.A, attemptIds.A2, attemptIds.board1NotFound].sort());
  });
});

describe("an admin", () => {
  it("sees every student and every attempt", async () => {
    expect(ids((await searchStudentsForStaff(admin.scope, { q: "cote" })).rows)).toEqual(ids([studentA, studentA2, studentB]));
    const { rows } = await searchAttemptsForStaff(admin.scope, {});
    expect(rows.map((r) => r.id).sort()).toEqual(Object.values(attemptIds).sort());
  });
});

describe("a secretary without any school", () => {
  it("sees nothing at all", async () => {
    const { createStaff } = await import("@/tests/helpers/staff-fixtures");
    const orphan = await createStaff("secretary", { boardId: schoolA.boardId });
    expect((await searchStudentsForStaff(orphan.scope, {})).total).toBe(0);
    expect((await searchAttemptsForStaff(orphan.scope, {})).total).toBe(0);
    expect(await issueNip(orphan.scope, orphan.staff.id, studentA.id)).toEqual({ ok: false, reason: "notFound" });
  });
});
