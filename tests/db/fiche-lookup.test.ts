import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { sendFicheToGuardian } from "@/db/queries/fiche-lookup";
import { auditLog, emailOutbox, guardianEmails, type School, type Student } from "@/db/schema";
import type { StaffContext } from "@/db/queries/staff";
import { createBoard, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, secretaryOf } from "@/tests/helpers/staff-fixtures";

let schoolA: School, schoolB: School;
let student: Student, otherStudent: Student, studentB: Student;
let secretaryA: StaffContext, secretaryB: StaffContext, admin: StaffContext;

async function emailIdOf(studentId: number, email: string) {
  const [row] = await db
    .select({ id: guardianEmails.id })
    .from(guardianEmails)
    .where(and(eq(guardianEmails.studentId, studentId), eq(guardianEmails.email, email)));
  return row!.id;
}

const outboxTo = (to: string) => db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
const ficheRows = () => db.select().from(auditLog).where(eq(auditLog.action, "fiche.sent"));

beforeAll(async () => {
  const board = await createBoard();
  schoolA = await createSchool(board, { name: "École des Pins" });
  schoolB = await createSchool(await createBoard());
  student = await createStudent(schoolA, { fiche: "1234567", guardianEmails: ["mere@exemple.ca", "pere@exemple.ca"] });
  otherStudent = await createStudent(schoolA, { fiche: "7654321", guardianEmails: ["voisin@exemple.ca"] });
  studentB = await createStudent(schoolB, { fiche: "1111111", guardianEmails: ["famille.b@exemple.ca"] });
  secretaryA = await secretaryOf(schoolA);
  secretaryB = await secretaryOf(schoolB);
  admin = await anAdmin();
});

describe("sending a fiche number to a guardian", () => {
  it("sends it to the chosen address on the record, and audits it without the address in clear", async () => {
    const result = await sendFicheToGuardian(secretaryA.scope, secretaryA.staff.id, student.id, await emailIdOf(student.id, "pere@exemple.ca"));
    expect(result).toMatchObject({ ok: true, sentTo: "pere@exemple.ca" });

    const sent = await outboxTo("pere@exemple.ca");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.template).toBe("fiche-number");
    expect(sent[0]!.text).toContain("1234567");
    expect(sent[0]!.text).toContain("École des Pins");
    expect(sent[0]!.text).not.toContain(student.firstName);
    expect(await outboxTo("mere@exemple.ca")).toHaveLength(0);

    const [audit] = await ficheRows();
    expect(audit).toMatchObject({
      actorStaffId: secretaryA.staff.id,
      studentId: student.id,
      schoolId: schoolA.id,
      boardId: schoolA.boardId,
    });
    expect(audit!.details).toMatchObject({ to: "p•••@exemple.ca", outboxEmailId: sent[0]!.id });
    expect(JSON.stringify(audit!.details)).not.toContain("pere@exemple.ca");
  });

  it("refuses an address that is not on this student's record, even one on another record in scope", async () => {
    const before = (await ficheRows()).length;
    const result = await sendFicheToGuardian(secretaryA.scope, secretaryA.staff.id, student.id, await emailIdOf(otherStudent.id, "voisin@exemple.ca"));
    expect(result).toEqual({ ok: false, reason: "emailNotOnRecord" });
    expect(await sendFicheToGuardian(secretaryA.scope, secretaryA.staff.id, student.id, 987_654)).toEqual({ ok: false, reason: "emailNotOnRecord" });
    expect(await outboxTo("voisin@exemple.ca")).toHaveLength(0);
    expect(await ficheRows()).toHaveLength(before);
  });

  it("refuses a student outside the staff member's scope, and tells nothing about it", async () => {
    const emailId = await emailIdOf(studentB.id, "famille.b@exemple.ca");
    expect(await sendFicheToGuardian(secretaryA.scope, secretaryA.staff.id, studentB.id, emailId)).toEqual({ ok: false, reason: "notFound" });
    expect(await sendFicheToGuardian((await boardSupportOf({ id: schoolA.boardId })).scope, secretaryA.staff.id, studentB.id, emailId)).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await outboxTo("famille.b@exemple.ca")).toHaveLength(0);
    expect((await sendFicheToGuardian(secretaryB.scope, secretaryB.staff.id, studentB.id, emailId)).ok).toBe(true);
  });

  it("does not send twice to the same address within the cooldown", async () => {
    const mother = await emailIdOf(student.id, "mere@exemple.ca");
    expect((await sendFicheToGuardian(admin.scope, admin.staff.id, student.id, mother)).ok).toBe(true);
    const again = await sendFicheToGuardian(secretaryA.scope, secretaryA.staff.id, student.id, mother);
    expect(again).toMatchObject({ ok: false, reason: "recentlySent" });
    if (!again.ok) expect(again.retryAfterSeconds).toBeGreaterThan(0);
    expect(await outboxTo("mere@exemple.ca")).toHaveLength(1);
  });
});
