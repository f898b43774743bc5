import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { revokeAssociation } from "@/db/queries/association-revocations";
import { changeGuardianEmail } from "@/db/queries/guardian-emails";
import { recordAuthEvent, throttleState, throttlePolicy } from "@/db/queries/auth";
import {
  getParentAccountForStaff,
  liftParentLockout,
  searchParentAccountsForStaff,
  startPasswordResetForParent,
} from "@/db/queries/parent-accounts-admin";
import type { StaffContext } from "@/db/queries/staff";
import { associations, auditLog, guardianEmails as guardianEmailsTable, type School, type Student } from "@/db/schema";
import { createParent, templatesSentTo } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, recordTestAttempt, secretaryOf } from "@/tests/helpers/staff-fixtures";
import { ACCOUNT_SEARCH_LIMIT, ACCOUNT_SEARCH_MIN_LENGTH, accountSearchKind } from "@/lib/validations/parent-accounts-admin";

// Board 1: schools A and A2; board 2: school B.
// - famille@ is on the records of a child in A (associated) and a child in B (associated), and of one in A2.
// - seulement.b@ is only on a record of school B.
// - essai@ has no record anywhere but made an attempt that found a student of school A.
// - personne@ is on a record of school A but never created an account.
let schoolA: School, schoolA2: School, schoolB: School;
let childA: Student, childA2: Student, childB: Student;
let secretaryA: StaffContext, secretaryB: StaffContext, supportBoard1: StaffContext, admin: StaffContext;
let family: { id: string; email: string }, onlyB: { id: string; email: string }, tryer: { id: string; email: string };
let associationA: string;

beforeAll(async () => {
  const board1 = await createBoard();
  schoolA = await createSchool(board1, { name: "École A" });
  schoolA2 = await createSchool(board1, { name: "École A2" });
  schoolB = await createSchool(await createBoard(), { name: "École B" });
  childA = await createStudent(schoolA, { lastName: "Tremblay", firstName: "Léa", guardianEmails: ["famille@exemple.ca", "personne@exemple.ca"] });
  childA2 = await createStudent(schoolA2, { lastName: "Tremblay", firstName: "Zoé", guardianEmails: ["famille@exemple.ca"] });
  childB = await createStudent(schoolB, { lastName: "Tremblay", firstName: "Noah", guardianEmails: ["famille@exemple.ca", "seulement.b@exemple.ca"] });
  secretaryA = await secretaryOf(schoolA);
  secretaryB = await secretaryOf(schoolB);
  supportBoard1 = await boardSupportOf(board1);
  admin = await anAdmin();
  family = await createParent("famille@exemple.ca");
  onlyB = await createParent("seulement.b@exemple.ca");
  tryer = await createParent("essai@exemple.ca");
  const [a] = await db.insert(associations).values({ parentAccountId: family.id, studentId: childA.id, method: "match" }).returning();
  associationA = a!.id;
  await db.insert(associations).values({ parentAccountId: family.id, studentId: childB.id, method: "nip" });
  await recordTestAttempt({ parentAccountId: tryer.id, boardId: schoolA.boardId, candidateStudentId: childA.id });
  await recordTestAttempt({ parentAccountId: family.id, boardId: schoolB.boardId, candidateStudentId: childB.id });
});

async function failSignIns(email: string, times: number) {
  for (let i = 0; i < times; i++) {
    await recordAuthEvent(db, { subject: "parent", kind: "signin", email, success: false, ip: "192.0.2.9", userAgent: "vitest" });
  }
}

const auditOf = (action: string, parentAccountId: string) =>
  db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.parentAccountId, parentAccountId)));

describe("finding a parent account by email", () => {
  it("says an account exists when its email is on a record of the staff member's school", async () => {
    const found = await searchParentAccountsForStaff(secretaryA.scope, "  Famille@Exemple.ca ");
    expect(found.exact?.id).toBe(family.id);
    expect(found.rows.map((r) => r.email)).toEqual(["famille@exemple.ca"]);
  });

  it("answers an account tied only to another school like a missing one", async () => {
    const found = await searchParentAccountsForStaff(secretaryA.scope, "seulement.b@exemple.ca");
    expect(found).toEqual({ exact: null, rows: [], more: false, onRecordOf: [] });
    expect(await getParentAccountForStaff(secretaryA.scope, onlyB.id)).toBeNull();
    expect(await getParentAccountForStaff(secretaryA.scope, "seulement.b@exemple.ca")).toBeNull();
    expect(await getParentAccountForStaff(supportBoard1.scope, onlyB.id)).toBeNull();
    expect((await searchParentAccountsForStaff(secretaryB.scope, "seulement.b@exemple.ca")).exact?.id).toBe(onlyB.id);
    expect((await searchParentAccountsForStaff(admin.scope, "seulement.b@exemple.ca")).exact?.id).toBe(onlyB.id);
  });

  it("does not open an outside parent's account to a secretary who adds that parent's address to her own student", async () => {
    const outsider = await createParent("voisine@ailleurs.ca");
    const mine = await createStudent(schoolA, { lastName: "Roy", firstName: "Éli", guardianEmails: ["roy@ailleurs.ca"] });
    const added = await changeGuardianEmail(secretaryA.scope, secretaryA.staff.id, {
      mode: "add",
      studentId: mine.id,
      newEmail: "voisine@ailleurs.ca",
      reason: "Adresse donnée au téléphone",
    });
    expect(added.ok).toBe(true);
    expect(await getParentAccountForStaff(secretaryA.scope, outsider.id)).toBeNull();
    expect((await searchParentAccountsForStaff(secretaryA.scope, "voisine@ailleurs.ca")).exact).toBeNull();
    // Replacing an address already on the record with hers does not open it either.
    const other = await createParent("voisin2@ailleurs.ca");
    const [row] = await db.select().from(guardianEmailsTable).where(eq(guardianEmailsTable.email, "roy@ailleurs.ca"));
    const replaced = await changeGuardianEmail(secretaryA.scope, secretaryA.staff.id, {
      mode: "replace",
      studentId: mine.id,
      guardianEmailId: row!.id,
      newEmail: "voisin2@ailleurs.ca",
      reason: "Adresse donnée au téléphone",
    });
    expect(replaced.ok).toBe(true);
    expect(await getParentAccountForStaff(secretaryA.scope, other.id)).toBeNull();
    // Once the parent associates the child, the account is hers to see, as for any family.
    await db.insert(associations).values({ parentAccountId: outsider.id, studentId: mine.id, method: "match" });
    expect((await getParentAccountForStaff(secretaryA.scope, outsider.id))?.account.id).toBe(outsider.id);
  });

  it("finds an account that only made an attempt on a student of the school", async () => {
    expect((await searchParentAccountsForStaff(secretaryA.scope, "essai@exemple.ca")).exact?.id).toBe(tryer.id);
    expect((await searchParentAccountsForStaff(secretaryB.scope, "essai@exemple.ca")).exact).toBeNull();
  });

  it("tells 'no account with this address' and lists the records in scope that carry it", async () => {
    const found = await searchParentAccountsForStaff(secretaryA.scope, "personne@exemple.ca");
    expect(found.exact).toBeNull();
    expect(found.onRecordOf.map((s) => s.id)).toEqual([childA.id]);
    expect((await searchParentAccountsForStaff(secretaryB.scope, "personne@exemple.ca")).onRecordOf).toEqual([]);
  });

  it("lists partial matches within the scope only", async () => {
    expect((await searchParentAccountsForStaff(secretaryA.scope, "exemple.ca")).rows.map((r) => r.email)).toEqual([
      "essai@exemple.ca",
      "famille@exemple.ca",
    ]);
    expect((await searchParentAccountsForStaff(admin.scope, "exemple.ca")).rows).toHaveLength(3);
    expect((await searchParentAccountsForStaff(admin.scope, "%")).rows).toEqual([]);
  });

  it("tells whether more accounts match than it lists: not when exactly ACCOUNT_SEARCH_LIMIT do", async () => {
    const emails = Array.from({ length: ACCOUNT_SEARCH_LIMIT }, (_, i) => `limite${String(i).padStart(2, "0")}@exemple.ca`);
    for (const email of emails) await createParent(email);
    const exactly = await searchParentAccountsForStaff(admin.scope, "limite");
    expect(exactly.rows.map((r) => r.email)).toEqual(emails);
    expect(exactly.more).toBe(false);
    await createParent("limite99@exemple.ca");
    const more = await searchParentAccountsForStaff(admin.scope, "limite");
    expect(more.rows.map((r) => r.email)).toEqual(emails);
    expect(more.more).toBe(true);
  });

  it("searches nothing shorter than ACCOUNT_SEARCH_MIN_LENGTH characters", async () => {
    const short = "e".repeat(ACCOUNT_SEARCH_MIN_LENGTH - 1);
    expect(accountSearchKind(short)).toBe("tooShort");
    expect(accountSearchKind(` ${short.toUpperCase()} `)).toBe("tooShort");
    expect(accountSearchKind("e".repeat(ACCOUNT_SEARCH_MIN_LENGTH))).toBe("partial");
    expect(accountSearchKind(" Famille@Exemple.ca")).toBe("address");
    expect(accountSearchKind("  ")).toBe("none");
    expect(await searchParentAccountsForStaff(admin.scope, short)).toEqual({ exact: null, rows: [], more: false, onRecordOf: [] });
  });
});

describe("a parent account's page", () => {
  it("shows the account, its children in scope only, and its attempts in scope only", async () => {
    const page = await getParentAccountForStaff(secretaryA.scope, family.id);
    expect(page).not.toBeNull();
    expect(page!.account).toMatchObject({ id: family.id, email: "famille@exemple.ca", lastSigninAt: null });
    expect(page!.account.emailVerifiedAt).toBeInstanceOf(Date);
    expect(page!.children).toEqual([
      expect.objectContaining({
        student: expect.objectContaining({ id: childA.id, schoolName: "École A" }),
        association: expect.objectContaining({ id: associationA, method: "match" }),
        emailOnRecord: true,
      }),
    ]);
    expect(page!.attempts).toEqual([]);
    expect(page!.lockout).toMatchObject({ consecutiveFailures: 0, locked: false });

    const board = await getParentAccountForStaff(supportBoard1.scope, "famille@exemple.ca");
    expect(board!.children.map((c) => [c.student.id, c.association !== null, c.emailOnRecord])).toEqual([
      [childA.id, true, true],
      [childA2.id, false, true],
    ]);
    const all = await getParentAccountForStaff(admin.scope, family.id);
    expect(all!.children.map((c) => c.student.id).sort()).toEqual([childA.id, childA2.id, childB.id].sort());
    expect(all!.attempts.map((a) => a.candidate?.id)).toEqual([childB.id]);
  });

  it("shows a revoked association as such", async () => {
    const parent = await createParent("revoque@exemple.ca");
    const [link] = await db.insert(associations).values({ parentAccountId: parent.id, studentId: childA2.id, method: "nip" }).returning();
    expect(await revokeAssociation(secretaryA.scope, secretaryA.staff.id, link!.id, "Pas le bon parent")).toEqual({ ok: false, reason: "notFound" });
    expect(await revokeAssociation(supportBoard1.scope, supportBoard1.staff.id, link!.id, "Pas le bon parent")).toEqual({ ok: true });
    const page = await getParentAccountForStaff(supportBoard1.scope, parent.id);
    expect(page!.children).toHaveLength(1);
    expect(page!.children[0]!.association).toBeNull();
    expect(page!.children[0]!.revokedAssociations).toHaveLength(1);
  });

  it("shows the sign-in lockout, the codes sent and the emails' delivery state", async () => {
    await failSignIns(tryer.email, throttlePolicy.freeFailures + 1);
    expect((await startPasswordResetForParent(secretaryA.scope, secretaryA.staff.id, tryer.id)).ok).toBe(true);
    const page = await getParentAccountForStaff(secretaryA.scope, tryer.id);
    expect(page!.lockout.consecutiveFailures).toBe(throttlePolicy.freeFailures + 1);
    expect(page!.lockout.locked).toBe(true);
    expect(page!.signIns).toHaveLength(throttlePolicy.freeFailures + 1);
    expect(page!.signIns[0]).not.toHaveProperty("ip");
    expect(page!.codes.map((c) => c.purpose)).toEqual(["reset"]);
    expect(page!.emails.map((e) => [e.template, e.status])).toEqual([["verification-code", "pending"]]);
    expect(page!.emails[0]).not.toHaveProperty("text");
  });
});

describe("lifting a sign-in lockout", () => {
  it("resets the failures of the address and audits it under the school that ties the account to the staff", async () => {
    const parent = await createParent("bloque@exemple.ca");
    await recordTestAttempt({ parentAccountId: parent.id, boardId: schoolA.boardId, candidateStudentId: childA.id });
    await failSignIns(parent.email, throttlePolicy.freeFailures + 2);
    expect((await throttleState("parent", parent.email)).retryAfterSeconds).toBeGreaterThan(0);

    expect(await liftParentLockout(secretaryB.scope, secretaryB.staff.id, parent.id)).toEqual({ ok: false, reason: "notFound" });
    expect(await throttleState("parent", parent.email)).toMatchObject({ consecutiveFailures: throttlePolicy.freeFailures + 2 });

    expect(await liftParentLockout(secretaryA.scope, secretaryA.staff.id, parent.id)).toEqual({
      ok: true,
      value: { failuresCleared: throttlePolicy.freeFailures + 2 },
    });
    expect(await throttleState("parent", parent.email)).toMatchObject({ consecutiveFailures: 0, retryAfterSeconds: 0 });
    const [row] = await auditOf("account.lockout_lifted", parent.id);
    expect(row).toMatchObject({ actorStaffId: secretaryA.staff.id, schoolId: schoolA.id, boardId: schoolA.boardId, studentId: null });
    expect(row!.details).toMatchObject({ email: parent.email, failuresCleared: throttlePolicy.freeFailures + 2 });
  });

  it("refuses when there is nothing to lift, and writes nothing", async () => {
    expect(await liftParentLockout(secretaryA.scope, secretaryA.staff.id, family.id)).toEqual({ ok: false, reason: "notLocked" });
    expect(await auditOf("account.lockout_lifted", family.id)).toEqual([]);
  });
});

describe("starting a password reset for a parent", () => {
  it("sends the parent a reset code (staff never see it) and audits it; the address's cooldown applies", async () => {
    expect(await startPasswordResetForParent(secretaryB.scope, secretaryB.staff.id, onlyB.id)).toMatchObject({ ok: true });
    expect(await templatesSentTo(onlyB.email)).toEqual(["verification-code"]);
    const again = await startPasswordResetForParent(admin.scope, admin.staff.id, onlyB.id);
    expect(again).toMatchObject({ ok: false, reason: "cooldown" });
    const rows = await auditOf("account.reset_started", onlyB.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorStaffId: secretaryB.staff.id, schoolId: schoolB.id });
    expect(JSON.stringify(rows[0]!.details)).not.toMatch(/\b\d{6}\b/);
  });

  it("refuses an account outside the scope", async () => {
    expect(await startPasswordResetForParent(secretaryA.scope, secretaryA.staff.id, onlyB.id)).toEqual({ ok: false, reason: "notFound" });
  });
});
