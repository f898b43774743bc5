import { beforeEach, describe, expect, it } from "vitest";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { openSession } from "@/db/queries/auth";
import {
  activeSessions,
  changeOwnPassword,
  confirmEmailChange,
  deleteOwnAccount,
  deletedAccountEmail,
  exportOwnData,
  requestEmailChange,
  signOutOtherSessions,
} from "@/db/queries/own-account";
import { reportNotMyChild } from "@/db/queries/privacy-incidents";
import {
  associationAttempts,
  associations,
  auditLog,
  emailOutbox,
  parentAccounts,
  privacyIncidents,
  dailyFigures,
  supportTicketMessages,
  supportTickets,
  type Student,
} from "@/db/schema";
import { verifyPassword } from "@/lib/password-hash";
import { associateByRecord, createParent, strongPassword } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { createStaff, recordTestAttempt } from "@/tests/helpers/staff-fixtures";

const client = { ip: "192.0.2.9", userAgent: "vitest" };
let run = 0;
let email: string;
let student: Student;

beforeEach(async () => {
  run += 1;
  email = `compte${run}@exemple.ca`;
  const { school, board } = await createBoardWithSchool();
  await createStaff("privacy_officer", { boardId: board.id });
  student = await createStudent(school, { guardianEmails: [email] });
});

async function associatedParent() {
  const parent = await createParent(email);
  const outcome = await associateByRecord(parent, student, client);
  expect(outcome.ok).toBe(true);
  return parent;
}

async function newestMail(to: string) {
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, to)).orderBy(desc(emailOutbox.createdAt)).limit(1);
  return mail;
}

describe("changing the sign-in email", () => {
  it("needs the password, sends a code to the new address and a notice to the old, and counts wrong codes", async () => {
    const parent = await createParent(email);
    const next = `nouvelle${run}@exemple.ca`;
    expect(await requestEmailChange(parent.id, { newEmail: next, password: "Mauvais-Mot-De-Passe-1" })).toEqual({ ok: false, reason: "wrongPassword" });
    expect(await requestEmailChange(parent.id, { newEmail: email, password: strongPassword })).toEqual({ ok: false, reason: "sameEmail" });
    expect(await requestEmailChange(parent.id, { newEmail: next, password: strongPassword })).toEqual({ ok: true });

    const codeMail = await newestMail(next);
    expect(codeMail?.template).toBe("email-change-code");
    expect((await newestMail(email))?.template).toBe("email-change-notice");
    const code = /\b(\d{6})\b/.exec(codeMail!.text ?? "")![1]!;
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await confirmEmailChange(parent.id, wrong)).toEqual({ ok: false, reason: "wrongCode", attemptsLeft: 4 });

    expect(await confirmEmailChange(parent.id, code)).toEqual({ ok: true, email: next });
    const [account] = await db.select().from(parentAccounts).where(eq(parentAccounts.id, parent.id));
    expect(account!.email).toBe(next);
    expect((await newestMail(email))?.subject).toMatch(/a changé/);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.parentAccountId, parent.id), eq(auditLog.action, "parent.email_changed")));
    expect(audit!.details).toEqual({ before: email, after: next });
    // Used once.
    expect(await confirmEmailChange(parent.id, code)).toEqual({ ok: false, reason: "noPendingChange" });
  });

  it("locks the code after five wrong tries and refuses an address another account has", async () => {
    const parent = await createParent(email);
    const taken = await createParent(`prise${run}@exemple.ca`);
    await requestEmailChange(parent.id, { newEmail: taken.email, password: strongPassword });
    const code = /\b(\d{6})\b/.exec((await newestMail(taken.email))!.text ?? "")![1]!;
    expect(await confirmEmailChange(parent.id, code)).toEqual({ ok: false, reason: "emailTaken" });

    await requestEmailChange(parent.id, { newEmail: `autre${run}@exemple.ca`, password: strongPassword });
    const good = /\b(\d{6})\b/.exec((await newestMail(`autre${run}@exemple.ca`))!.text ?? "")![1]!;
    const wrong = good === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) await confirmEmailChange(parent.id, wrong);
    expect(await confirmEmailChange(parent.id, good)).toEqual({ ok: false, reason: "codeLocked" });
  });
});

describe("password and sessions", () => {
  it("changes the password with the current one and ends the other sessions only", async () => {
    const parent = await createParent(email);
    const here = await openSession(db, { subject: "parent", userId: parent.id, ...client });
    const phone = await openSession(db, { subject: "parent", userId: parent.id, ip: "192.0.2.10", userAgent: "phone" });
    expect((await activeSessions(parent.id, here)).map((s) => [s.id, s.current]).sort()).toEqual([[here, true], [phone, false]].sort());

    expect(await changeOwnPassword(parent.id, here, { currentPassword: "Pas-Le-Bon-2026!", newPassword: "Quatre-Poires-Jaunes-2027" })).toEqual({
      ok: false,
      reason: "wrongPassword",
    });
    expect(await changeOwnPassword(parent.id, here, { currentPassword: strongPassword, newPassword: "Quatre-Poires-Jaunes-2027" })).toEqual({ ok: true, endedSessions: 1 });
    expect((await activeSessions(parent.id, here)).map((s) => s.id)).toEqual([here]);
    const [account] = await db.select().from(parentAccounts).where(eq(parentAccounts.id, parent.id));
    expect(await verifyPassword(account!.passwordHash, "Quatre-Poires-Jaunes-2027")).toBe(true);
    expect((await newestMail(email))?.template).toBe("password-changed");

    await openSession(db, { subject: "parent", userId: parent.id, ...client });
    expect(await signOutOtherSessions(parent.id, here)).toBe(1);
  });
});

describe("my data", () => {
  it("exports the account, its children, its attempts and its help requests", async () => {
    const parent = await associatedParent();
    await db.insert(supportTickets).values({ email, parentAccountId: parent.id, boardId: student.boardId, childName: "Léa", message: "Je ne vois pas mon enfant" });
    const data = await exportOwnData(parent.id);
    expect(data!.account.email).toBe(email);
    expect(data!.children).toEqual([expect.objectContaining({ firstName: student.firstName, lastName: student.lastName, method: "match", endedAt: null })]);
    expect(data!.attempts).toEqual([expect.objectContaining({ method: "match", success: true, typed: expect.objectContaining({ identifier: student.fiche }) })]);
    expect(data!.supportTickets).toEqual([expect.objectContaining({ message: "Je ne vois pas mon enfant", messages: [] })]);
  });

  it("deletes the account: associations end, attempts stay in the figures' totals, tickets are anonymised, the register stays, the address is free", async () => {
    const parent = await associatedParent();
    await recordTestAttempt({ parentAccountId: parent.id, boardId: student.boardId, candidateStudentId: student.id });
    const other = await createStudent({ id: student.schoolId, boardId: student.boardId }, { guardianEmails: [email], firstName: "Autre" });
    await associateByRecord(parent, other, client);
    const reported = await reportNotMyChild(parent.id, other.id);
    if (!reported.ok) throw new Error("not reported");
    const [ticketRow] = await db.insert(supportTickets).values({ email, parentAccountId: parent.id, boardId: student.boardId, childName: "Léa", message: "Aidez-moi" }).returning();
    await db.insert(supportTicketMessages).values([
      { ticketId: ticketRow!.id, kind: "parent", body: "Voici une capture de mon écran" },
      { ticketId: ticketRow!.id, kind: "staff", body: "Nous regardons" },
    ]);

    const attemptsCounted = async () =>
      (
        await db
          .select({ n: sql<number>`coalesce(sum(${dailyFigures.attempts} + ${dailyFigures.alreadyAssociatedAttempts}), 0)::int` })
          .from(dailyFigures)
          .where(eq(dailyFigures.schoolId, student.schoolId))
      )[0]!.n;
    const countedBefore = await attemptsCounted();
    expect(countedBefore).toBeGreaterThanOrEqual(3);

    expect(await deleteOwnAccount(parent.id, "Pas-Le-Bon-2026!")).toEqual({ ok: false, reason: "wrongPassword" });
    expect(await deleteOwnAccount(parent.id, strongPassword)).toEqual({ ok: true });

    const [account] = await db.select().from(parentAccounts).where(eq(parentAccounts.id, parent.id));
    expect(account).toMatchObject({ email: deletedAccountEmail(parent.id) });
    expect(account!.disabledAt).not.toBeNull();
    expect(await db.$count(associations, and(eq(associations.parentAccountId, parent.id), isNull(associations.revokedAt)))).toBe(0);
    expect(await db.$count(associationAttempts, eq(associationAttempts.parentAccountId, parent.id))).toBe(0);
    // The figures still count the deleted attempts (their per-day totals are never lowered).
    expect(await attemptsCounted()).toBe(countedBefore);
    const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.parentAccountId, parent.id));
    expect(ticket).toMatchObject({ email: deletedAccountEmail(parent.id), childName: null, message: "" });
    expect((await db.select().from(supportTicketMessages).where(eq(supportTicketMessages.ticketId, ticket!.id))).map((m) => m.kind)).toEqual(["staff"]);
    // What the law makes the board keep.
    const [incident] = await db.select().from(privacyIncidents).where(eq(privacyIncidents.id, reported.incidentId));
    expect(incident!.reportedByParentId).toBe(parent.id);
    expect(await db.$count(auditLog, and(eq(auditLog.parentAccountId, parent.id), eq(auditLog.action, "parent.account_deleted")))).toBe(1);
    // A confirmation, and nothing else left addressed to them.
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
    expect(mails.map((m) => m.template)).toEqual(["account-deleted"]);
    // The address can open a new account.
    const again = await createParent(email);
    expect(again.id).not.toBe(parent.id);
  });
});
