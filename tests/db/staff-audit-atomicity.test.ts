// Every staff change is written with its audit row in one transaction: when the commit fails after the audit
// row, or after the change, nothing is left of either (see expectAuditedAtomically). Each action is then run
// for real, to show the forced failure, not a refusal, is what stopped it.
import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { revokeAssociation } from "@/db/queries/association-revocations";
import { recordAuthEvent, throttlePolicy, throttleState } from "@/db/queries/auth";
import { sendFicheToGuardian } from "@/db/queries/fiche-lookup";
import { changeGuardianEmail } from "@/db/queries/guardian-emails";
import { issueNip, revokeNip } from "@/db/queries/nips";
import { liftParentLockout, startPasswordResetForParent } from "@/db/queries/parent-accounts-admin";
import type { StaffContext } from "@/db/queries/staff";
import { applyImport, dryRunImport, startImportRun } from "@/db/queries/student-import";
import {
  associations,
  auditLog,
  authEvents,
  emailOutbox,
  guardianEmails,
  importRuns,
  nips,
  students,
  verificationCodes,
  type School,
  type SchoolBoard,
  type Student,
} from "@/db/schema";
import { importCsvLine, importHeaderLine } from "@/lib/import/columns";
import { createParent } from "@/tests/helpers/accounts";
import { expectAuditedAtomically } from "@/tests/helpers/forced-failure";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, secretaryOf } from "@/tests/helpers/staff-fixtures";

let board: SchoolBoard;
let school: School;
let student: Student;
let secretary: StaffContext;
let recordEmail: string;
let run = 0;

beforeEach(async () => {
  run += 1;
  recordEmail = `repondant.atomique${run}@exemple.ca`;
  ({ board, school } = await createBoardWithSchool());
  student = await createStudent(school, { guardianEmails: [recordEmail] });
  secretary = await secretaryOf(school);
});

const auditActions = async (studentId: number) =>
  (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.studentId, studentId))).map((a) => a.action);
const outboxTo = (email: string) => db.select().from(emailOutbox).where(eq(emailOutbox.to, email)).orderBy(emailOutbox.createdAt);
const nipsOf = (studentId: number) => db.select().from(nips).where(eq(nips.studentId, studentId)).orderBy(nips.createdAt);
const emailsOf = (studentId: number) => db.select().from(guardianEmails).where(eq(guardianEmails.studentId, studentId)).orderBy(guardianEmails.id);

describe("NIPs", () => {
  it("issuing one (with its email): no NIP, no email and no audit row when the commit fails", async () => {
    const issue = () => issueNip(secretary.scope, secretary.staff.id, student.id, { email: { address: recordEmail, source: "record" } });
    await expectAuditedAtomically({
      change: issue,
      changedTable: "nips",
      snapshot: async () => ({ nips: await nipsOf(student.id), outbox: await outboxTo(recordEmail) }),
    });
    expect((await issue()).ok).toBe(true);
    expect(await auditActions(student.id)).toEqual(["nip.issued"]);
  });

  it("revoking one: the NIP stays usable and no audit row is left when the commit fails", async () => {
    const issued = await issueNip(secretary.scope, secretary.staff.id, student.id);
    if (!issued.ok) throw new Error(issued.reason);
    const revoke = () => revokeNip(secretary.scope, secretary.staff.id, issued.nip.id);
    await expectAuditedAtomically({ change: revoke, changedTable: "nips", snapshot: () => nipsOf(student.id) });
    expect(await revoke()).toEqual({ ok: true });
    expect(await auditActions(student.id)).toEqual(["nip.issued", "nip.revoked"]);
  });
});

describe("associations", () => {
  it("revoking one: the association stays and no audit row is left when the commit fails", async () => {
    const parent = await createParent(recordEmail);
    const [association] = await db.insert(associations).values({ parentAccountId: parent.id, studentId: student.id, method: "match" }).returning();
    const revoke = () => revokeAssociation(secretary.scope, secretary.staff.id, association!.id, "Essai d'annulation");
    await expectAuditedAtomically({
      change: revoke,
      changedTable: "associations",
      snapshot: () => db.select().from(associations).where(eq(associations.id, association!.id)),
    });
    expect(await revoke()).toEqual({ ok: true });
    expect(await auditActions(student.id)).toEqual(["association.revoked"]);
  });
});

describe("guardian emails", () => {
  it.each(["replace", "add", "remove"] as const)("%s: the record's emails and notices stay as they were when the commit fails", async (mode) => {
    const [current] = await emailsOf(student.id);
    const newEmail = `nouvelle.atomique${run}@exemple.ca`;
    const change = () =>
      changeGuardianEmail(
        secretary.scope,
        secretary.staff.id,
        mode === "add"
          ? { mode, studentId: student.id, newEmail, reason: "Essai" }
          : mode === "replace"
            ? { mode, studentId: student.id, guardianEmailId: current!.id, newEmail, reason: "Essai" }
            : { mode, studentId: student.id, guardianEmailId: current!.id, reason: "Essai" },
      );
    await expectAuditedAtomically({
      change,
      changedTable: "guardian_emails",
      snapshot: async () => ({
        emails: await emailsOf(student.id),
        hasGuardianEmail: (await db.select({ has: students.hasGuardianEmail }).from(students).where(eq(students.id, student.id)))[0]!.has,
        notices: [...(await outboxTo(recordEmail)), ...(await outboxTo(newEmail))],
      }),
    });
    expect((await change()).ok).toBe(true);
    expect(await auditActions(student.id)).toEqual(["guardian_email.changed"]);
  });
});

describe("fiche number by email", () => {
  it("sending it: no email and no audit row when the commit fails", async () => {
    const [onRecord] = await emailsOf(student.id);
    const send = () => sendFicheToGuardian(secretary.scope, secretary.staff.id, student.id, onRecord!.id);
    await expectAuditedAtomically({ change: send, changedTable: "email_outbox", snapshot: () => outboxTo(recordEmail) });
    expect((await send()).ok).toBe(true);
    expect(await auditActions(student.id)).toEqual(["fiche.sent"]);
  });
});

describe("parent account actions", () => {
  it("lifting a sign-in lockout: the account stays locked and no audit row is left when the commit fails", async () => {
    const parent = await createParent(recordEmail);
    for (let i = 0; i <= throttlePolicy.freeFailures; i++) {
      await recordAuthEvent(db, { subject: "parent", kind: "signin", email: parent.email, success: false, ip: "192.0.2.9", userAgent: "vitest" });
    }
    expect((await throttleState("parent", parent.email)).retryAfterSeconds).toBeGreaterThan(0);
    const lift = () => liftParentLockout(secretary.scope, secretary.staff.id, parent.id);
    await expectAuditedAtomically({
      change: lift,
      changedTable: "auth_events",
      snapshot: () => db.select().from(authEvents).where(eq(authEvents.email, parent.email)).orderBy(authEvents.id),
    });
    expect((await throttleState("parent", parent.email)).retryAfterSeconds).toBeGreaterThan(0);
    expect((await lift()).ok).toBe(true);
    expect((await throttleState("parent", parent.email)).retryAfterSeconds).toBe(0);
    expect(await db.$count(auditLog, and(eq(auditLog.action, "account.lockout_lifted"), eq(auditLog.parentAccountId, parent.id)))).toBe(1);
  });

  it("starting a password reset: no code, no email and no audit row when the commit fails", async () => {
    const parent = await createParent(recordEmail);
    const start = () => startPasswordResetForParent(secretary.scope, secretary.staff.id, parent.id);
    await expectAuditedAtomically({
      change: start,
      changedTable: "verification_codes",
      snapshot: async () => ({
        codes: await db.select().from(verificationCodes).where(eq(verificationCodes.email, parent.email)),
        outbox: await outboxTo(parent.email),
      }),
    });
    expect((await start()).ok).toBe(true);
    expect(await db.$count(auditLog, and(eq(auditLog.action, "account.reset_started"), eq(auditLog.parentAccountId, parent.id)))).toBe(1);
  });
});

describe("student record import", () => {
  it("applying a file: no student, email or run changed and no audit row when the commit fails", async () => {
    const admin = await anAdmin();
    const line = (fiche: string, email: string) =>
      importCsvLine({
        organisme: board.code,
        ecole: school.code,
        fiche,
        code_permanent: "",
        nom: "Côté",
        prenom: "Léa-Rose",
        date_naissance: "2015-03-14",
        niveau: "6e année",
        courriel_1: email,
        courriel_2: "",
      });
    const file = [importHeaderLine(), line(student.fiche, `changee${run}@exemple.ca`), line("7777777", "nouveau@exemple.ca")].join("\r\n");
    const started = await startImportRun({ scope: admin.scope, staffId: admin.staff.id, boardId: board.id, fileName: "eleves.csv" });
    if (!started.ok) throw new Error(started.error);
    const dry = await dryRunImport({
      scope: admin.scope,
      runId: started.runId,
      source: (async function* () {
        yield new TextEncoder().encode(file + "\r\n");
      })(),
    });
    expect(dry.status).toBe("ready");

    const apply = () => applyImport({ scope: admin.scope, staffId: admin.staff.id, runId: started.runId });
    const boardStudents = () => db.select().from(students).where(eq(students.boardId, board.id)).orderBy(students.id);
    await expectAuditedAtomically({
      change: apply,
      changedTable: "students",
      auditActions: ["import.guardian_emails_changed", "import.applied"],
      snapshot: async () => {
        const rows = await boardStudents();
        return {
          students: rows,
          emails: await db.select().from(guardianEmails).where(inArray(guardianEmails.studentId, rows.map((s) => s.id))).orderBy(guardianEmails.id),
          run: (await db.select({ status: importRuns.status }).from(importRuns).where(eq(importRuns.id, started.runId)))[0],
        };
      },
    });
    expect((await apply()).ok).toBe(true);
    expect((await boardStudents()).map((s) => s.fiche).sort()).toEqual([student.fiche, "7777777"].sort());
    expect(await auditActions(student.id)).toEqual(["import.guardian_emails_changed"]);
    expect(await db.$count(auditLog, eq(auditLog.action, "import.applied"))).toBeGreaterThan(0);
  });
});
