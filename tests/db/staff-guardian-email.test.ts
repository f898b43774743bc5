import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { changeGuardianEmail } from "@/db/queries/guardian-emails";
import { getStudentForStaff } from "@/db/queries/students";
import { auditLog, emailOutbox, guardianEmails, parentAccounts, students, type School, type Student } from "@/db/schema";
import { searchStudents } from "@/db/queries/student-search";
import { parseStudentSearch } from "@/lib/validations/student-search";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { secretaryOf } from "@/tests/helpers/staff-fixtures";
import { emailTranslator } from "@/lib/email/translator";
import type { StaffContext } from "@/db/queries/staff";
import { ownerDb } from "@/tests/helpers/test-database";

let school: School;
let student: Student;
let secretary: StaffContext;
/** The record's address, different in each test so the outbox checks see only that test's notices. */
let old: string;
let run = 0;

beforeEach(async () => {
  run += 1;
  old = `ancienne${run}@exemple.ca`;
  ({ school } = await createBoardWithSchool());
  student = await createStudent(school, { guardianEmails: [old] });
  secretary = await secretaryOf(school);
});

async function emailRowsOf(studentId: number) {
  return db.select().from(guardianEmails).where(eq(guardianEmails.studentId, studentId)).orderBy(guardianEmails.position);
}

async function auditRowsOf(studentId: number) {
  return db.select().from(auditLog).where(eq(auditLog.studentId, studentId));
}

async function outboxTo(address: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.to, address));
}

describe("fixing a guardian email", () => {
  it("replaces the address at once, writes exactly one audit row and tells both addresses", async () => {
    const [current] = await emailRowsOf(student.id);
    const result = await changeGuardianEmail(secretary.scope, secretary.staff.id, {
      mode: "replace",
      studentId: student.id,
      guardianEmailId: current!.id,
      newEmail: "Nouvelle.Adresse+ecole@Exemple.ca",
      reason: "Appel du parent : nouvelle adresse",
    });
    expect(result).toEqual({
      ok: true,
      before: old,
      after: "nouvelle.adresse+ecole@exemple.ca",
      notified: [old, "nouvelle.adresse+ecole@exemple.ca"],
    });

    expect((await emailRowsOf(student.id)).map((e) => e.email)).toEqual(["nouvelle.adresse+ecole@exemple.ca"]);
    const detail = await getStudentForStaff(secretary.scope, student.id);
    expect(detail!.guardianEmails.map((e) => e.email)).toEqual(["nouvelle.adresse+ecole@exemple.ca"]);

    const audit = await auditRowsOf(student.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorStaffId: secretary.staff.id,
      action: "guardian_email.changed",
      studentId: student.id,
      schoolId: school.id,
      boardId: school.boardId,
      details: { mode: "replace", before: old, after: "nouvelle.adresse+ecole@exemple.ca", reason: "Appel du parent : nouvelle adresse" },
    });

    const [toOld] = await outboxTo(old);
    const [toNew] = await outboxTo("nouvelle.adresse+ecole@exemple.ca");
    expect(toOld?.template).toBe("guardian-email-changed");
    expect(toNew?.template).toBe("guardian-email-changed");
    // The previous address sees the new one masked; neither notice names the student.
    expect(toOld!.text).not.toContain("nouvelle.adresse+ecole@exemple.ca");
    for (const mail of [toOld!, toNew!]) expect(mail.text).not.toContain(student.firstName);
  });

  it("writes notices in the language of the account using the address", async () => {
    const anglo = await createParent("anglo@exemple.ca");
    await db.update(parentAccounts).set({ locale: "en" }).where(eq(parentAccounts.id, anglo.id));
    const [current] = await emailRowsOf(student.id);
    await changeGuardianEmail(secretary.scope, secretary.staff.id, {
      mode: "replace",
      studentId: student.id,
      guardianEmailId: current!.id,
      newEmail: "anglo@exemple.ca",
      reason: "Parent asked",
    });
    const [toNew] = await outboxTo("anglo@exemple.ca");
    const [toOld] = await outboxTo(old);
    const subject = (locale: "fr" | "en") => emailTranslator(locale)("guardianEmailChanged.subject", { schoolName: school.name });
    expect(toNew!.subject).toBe(subject("en"));
    expect(toOld!.subject).toBe(subject("fr"));
  });

  it("adds a second address and removes one, each audited and notified", async () => {
    const added = await changeGuardianEmail(secretary.scope, secretary.staff.id, {
      mode: "add",
      studentId: student.id,
      newEmail: "deuxieme@exemple.ca",
      reason: "Second répondant",
    });
    expect(added).toMatchObject({ ok: true, before: null, after: "deuxieme@exemple.ca", notified: ["deuxieme@exemple.ca"] });
    expect((await emailRowsOf(student.id)).map((e) => [e.email, e.position])).toEqual([
      [old, 1],
      ["deuxieme@exemple.ca", 2],
    ]);

    const [first] = await emailRowsOf(student.id);
    const removed = await changeGuardianEmail(secretary.scope, secretary.staff.id, {
      mode: "remove",
      studentId: student.id,
      guardianEmailId: first!.id,
      reason: "Parent n'a plus la garde",
    });
    expect(removed).toMatchObject({ ok: true, before: old, after: null, notified: [old] });
    expect((await emailRowsOf(student.id)).map((e) => e.email)).toEqual(["deuxieme@exemple.ca"]);
    expect((await outboxTo(old))[0]!.template).toBe("guardian-email-removed");
    expect((await auditRowsOf(student.id)).map((a) => (a.details as { mode: string }).mode).sort()).toEqual(["add", "remove"]);
  });

  it("refuses an address already on the record, or the same address, and writes nothing", async () => {
    const [current] = await emailRowsOf(student.id);
    const base = { studentId: student.id, reason: "Essai de doublon" };
    expect(await changeGuardianEmail(secretary.scope, secretary.staff.id, { ...base, mode: "add", newEmail: old.toUpperCase() })).toEqual({
      ok: false,
      reason: "emailAlreadyOnRecord",
    });
    expect(
      await changeGuardianEmail(secretary.scope, secretary.staff.id, { ...base, mode: "replace", guardianEmailId: current!.id, newEmail: old }),
    ).toEqual({ ok: false, reason: "unchanged" });
    expect(await auditRowsOf(student.id)).toEqual([]);
    expect(await outboxTo(old)).toEqual([]);
  });

  it("leaves no change and no audit row when the notice cannot be written", async () => {
    // A failure inside the transaction after the change and the audit row: the outbox refuses inserts.
    await ownerDb().execute(sql.raw(`create or replace function refuse_outbox() returns trigger language plpgsql as $$
      begin raise exception 'outbox unavailable'; end; $$`));
    await ownerDb().execute(sql.raw(`create trigger refuse_outbox before insert on email_outbox for each row execute function refuse_outbox()`));
    try {
      const [current] = await emailRowsOf(student.id);
      await expect(
        changeGuardianEmail(secretary.scope, secretary.staff.id, {
          mode: "replace",
          studentId: student.id,
          guardianEmailId: current!.id,
          newEmail: "jamais@exemple.ca",
          reason: "Doit être annulé",
        }),
      ).rejects.toThrow();
    } finally {
      await ownerDb().execute(sql.raw(`drop trigger refuse_outbox on email_outbox`));
      await ownerDb().execute(sql.raw(`drop function refuse_outbox()`));
    }
    expect((await emailRowsOf(student.id)).map((e) => e.email)).toEqual([old]);
    expect(await auditRowsOf(student.id)).toEqual([]);
    expect(await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, "jamais@exemple.ca")))).toEqual([]);
  });

  it("keeps the record's has-guardian-email flag, which the search filter reads, in step with its emails", async () => {
    const flag = async () => (await db.select({ has: students.hasGuardianEmail }).from(students).where(eq(students.id, student.id)))[0]!.has;
    const withoutEmail = async () =>
      (await searchStudents(secretary.scope, parseStudentSearch({ courriel: "sans" }))).rows.map((row) => row.id);
    expect(await flag()).toBe(true);
    expect(await withoutEmail()).toEqual([]);

    const [only] = await emailRowsOf(student.id);
    await changeGuardianEmail(secretary.scope, secretary.staff.id, {
      mode: "replace", studentId: student.id, guardianEmailId: only!.id, newEmail: "remplacee@exemple.ca", reason: "Nouvelle adresse",
    });
    expect(await flag()).toBe(true);

    const [replaced] = await emailRowsOf(student.id);
    await changeGuardianEmail(secretary.scope, secretary.staff.id, {
      mode: "remove", studentId: student.id, guardianEmailId: replaced!.id, reason: "Adresse invalide",
    });
    expect(await flag()).toBe(false);
    expect(await withoutEmail()).toEqual([student.id]);

    await changeGuardianEmail(secretary.scope, secretary.staff.id, {
      mode: "add", studentId: student.id, newEmail: "retrouvee@exemple.ca", reason: "Le parent a rappelé",
    });
    expect(await flag()).toBe(true);
    expect(await withoutEmail()).toEqual([]);
  });
});
