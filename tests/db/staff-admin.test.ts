import { beforeEach, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { openSession, signInWithPassword, touchSession } from "@/db/queries/auth";
import { loadStaffContext, type StaffContext } from "@/db/queries/staff";
import {
  accessLinkState,
  changeStaffAssignment,
  completeAccessLink,
  deactivateStaff,
  getStaffMember,
  inviteStaff,
  liftStaffLockout,
  listStaff,
  reactivateStaff,
  resendInvitation,
  setSecretaryMfaRequired,
  startStaffPasswordReset,
} from "@/db/queries/staff-admin";
import { auditLog, authEvents, emailOutbox, schoolBoards, staffAccessLinks, staffSchools, staffUsers, type School } from "@/db/schema";
import { hashPassword } from "@/lib/password-hash";
import { createBoardWithSchool, createSchool } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, createStaff, secretaryOf } from "@/tests/helpers/staff-fixtures";
import { ownerDb } from "@/tests/helpers/test-database";

const password = "Cinq-Ecureuils-Gris-2026";
let school: School;
let otherSchool: School;
let foreignSchool: School;
let admin: StaffContext;
let support: StaffContext;
let run = 0;

beforeEach(async () => {
  run += 1;
  ({ school } = await createBoardWithSchool());
  otherSchool = await createSchool({ id: school.boardId });
  ({ school: foreignSchool } = await createBoardWithSchool());
  admin = await anAdmin();
  support = await boardSupportOf({ id: school.boardId });
});

const email = (label: string) => `${label}.${run}@ecole.example`;

async function linkTokenSentTo(address: string, kind: "invitation" | "mot-de-passe") {
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, address)).orderBy(desc(emailOutbox.createdAt)).limit(1);
  const match = new RegExp(`/admin/connexion/${kind}/([A-Za-z0-9_-]+)`).exec(mail?.text ?? "");
  if (!match) throw new Error(`no ${kind} link sent to ${address}`);
  return match[1]!;
}

async function auditFor(staffId: string) {
  return db.select().from(auditLog).where(sql`${auditLog.details}->>'staffId' = ${staffId}`).orderBy(auditLog.id);
}

const secretaryOfSchool = (s: School) => ({ role: "secretary" as const, boardId: null, schoolIds: [s.id] });

describe("invitations", () => {
  it("creates the account without a password, audits it and emails a single-use link valid 72 h", async () => {
    const invited = await inviteStaff(admin.staff, { email: email("nouvelle"), name: "Nouvelle Secrétaire", locale: "fr", ...secretaryOfSchool(school) });
    expect(invited.ok).toBe(true);
    if (!invited.ok) return;
    const hours = (invited.value.expiresAt.getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);

    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, invited.value.staffId));
    expect(row).toMatchObject({ role: "secretary", boardId: school.boardId, passwordHash: null });
    expect((await db.select().from(staffSchools).where(eq(staffSchools.staffUserId, row!.id))).map((s) => s.schoolId)).toEqual([school.id]);
    expect((await auditFor(row!.id)).map((a) => [a.action, a.actorStaffId])).toEqual([["staff.invited", admin.staff.id]]);
    // Only the HMAC of the token is stored.
    const token = await linkTokenSentTo(email("nouvelle"), "invitation");
    const links = await db.select().from(staffAccessLinks).where(eq(staffAccessLinks.staffUserId, row!.id));
    expect(links).toHaveLength(1);
    expect(links[0]!.tokenHash).not.toContain(token);

    // Invited but not accepted: the account cannot sign in.
    expect((await listStaff(admin.staff)).find((s) => s.id === row!.id)?.status).toBe("invited");
    expect(await accessLinkState("invitation", token)).toEqual({
      ok: true,
      staffUserId: expect.any(String),
      email: email("nouvelle"),
      name: "Nouvelle Secrétaire",
    });

    expect(await completeAccessLink("invitation", token, password)).toMatchObject({ ok: true });
    const signIn = await signInWithPassword({ subject: "staff", email: email("nouvelle"), password, ip: null, userAgent: null });
    expect(signIn.ok).toBe(true);
    expect((await auditFor(row!.id)).map((a) => a.action)).toEqual(["staff.invited", "staff.invitation_accepted"]);

    // Single use: the same link again (replay) changes nothing.
    expect(await completeAccessLink("invitation", token, "Autre-Mot-De-Passe-2026")).toEqual({ ok: false, reason: "usedLink" });
    const again = await signInWithPassword({ subject: "staff", email: email("nouvelle"), password, ip: null, userAgent: null });
    expect(again.ok).toBe(true);
  });

  it("refuses an expired link and a link replaced by a newer invitation", async () => {
    const invited = await inviteStaff(admin.staff, { email: email("lente"), name: "Lente", locale: "fr", ...secretaryOfSchool(school) });
    if (!invited.ok) throw new Error("invite failed");
    const first = await linkTokenSentTo(email("lente"), "invitation");
    await db.update(staffAccessLinks).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(staffAccessLinks.staffUserId, invited.value.staffId));
    expect(await completeAccessLink("invitation", first, password)).toEqual({ ok: false, reason: "expiredLink" });

    const resent = await resendInvitation(admin.staff, invited.value.staffId, { locale: "fr" });
    expect(resent.ok).toBe(true);
    const second = await linkTokenSentTo(email("lente"), "invitation");
    expect(second).not.toBe(first);
    expect(await completeAccessLink("invitation", first, password)).toEqual({ ok: false, reason: "invalidLink" });
    expect(await completeAccessLink("invitation", second, password)).toMatchObject({ ok: true });
    expect(await completeAccessLink("invitation", "not-a-real-token-aaaaaaaaaaaaaaa", password)).toEqual({ ok: false, reason: "invalidLink" });
  });

  it("refuses a link lifetime over 72 hours in the database", async () => {
    await expect(
      db.insert(staffAccessLinks).values({ staffUserId: admin.staff.id, kind: "invitation", tokenHash: "x", expiresAt: sql`now() + interval '73 hours'` }),
    ).rejects.toThrow();
  });

  it("refuses an address that already has a staff account", async () => {
    const result = await inviteStaff(admin.staff, { email: support.staff.email, name: "Doublon", locale: "fr", ...secretaryOfSchool(school) });
    expect(result).toEqual({ ok: false, reason: "emailTaken" });
  });

  it("leaves no account and no audit row when the email cannot be queued", async () => {
    await ownerDb().execute(sql.raw(`create or replace function refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end; $$`));
    await ownerDb().execute(sql.raw(`create trigger refuse_outbox before insert on email_outbox for each row execute function refuse_outbox()`));
    try {
      await expect(inviteStaff(admin.staff, { email: email("echec"), name: "Échec", locale: "fr", ...secretaryOfSchool(school) })).rejects.toThrow();
      expect(await db.select().from(staffUsers).where(eq(staffUsers.email, email("echec")))).toEqual([]);
      expect(await db.select().from(auditLog).where(sql`${auditLog.details}->>'email' = ${email("echec")}`)).toHaveLength(0);
    } finally {
      await ownerDb().execute(sql.raw(`drop trigger refuse_outbox on email_outbox`));
    }
  });
});

describe("no privilege escalation", () => {
  it("board support cannot invite an admin", async () => {
    const result = await inviteStaff(support.staff, { email: email("chef"), name: "Chef", locale: "fr", role: "admin", boardId: null, schoolIds: [] });
    expect(result).toEqual({ ok: false, reason: "roleNotAllowed" });
  });

  it("board support cannot invite staff of another board", async () => {
    expect(await inviteStaff(support.staff, { email: email("loin"), name: "Loin", locale: "fr", ...secretaryOfSchool(foreignSchool) })).toEqual({
      ok: false,
      reason: "otherBoard",
    });
    expect(
      await inviteStaff(support.staff, { email: email("loin2"), name: "Loin", locale: "fr", role: "privacy_officer", boardId: foreignSchool.boardId, schoolIds: [] }),
    ).toEqual({ ok: false, reason: "otherBoard" });
  });

  it("board support neither sees nor manages another board's staff or any admin", async () => {
    const foreign = await secretaryOf(foreignSchool);
    expect((await listStaff(support.staff)).map((s) => s.id)).not.toContain(foreign.staff.id);
    expect((await listStaff(support.staff)).map((s) => s.id)).not.toContain(admin.staff.id);
    expect(await getStaffMember(support.staff, foreign.staff.id)).toBeNull();
    expect(await deactivateStaff(support.staff, foreign.staff.id, "départ")).toEqual({ ok: false, reason: "notFound" });
    expect(await deactivateStaff(support.staff, admin.staff.id, "départ")).toEqual({ ok: false, reason: "notFound" });
    expect(await changeStaffAssignment(support.staff, foreign.staff.id, secretaryOfSchool(school))).toEqual({ ok: false, reason: "notFound" });
  });

  it("board support cannot move their own staff to another board", async () => {
    const local = await secretaryOf(school);
    expect(await changeStaffAssignment(support.staff, local.staff.id, secretaryOfSchool(foreignSchool))).toEqual({ ok: false, reason: "otherBoard" });
  });

  it("nobody changes their own role, not even board support raising themselves", async () => {
    expect(await changeStaffAssignment(support.staff, support.staff.id, { role: "admin", boardId: null, schoolIds: [] })).toEqual({
      ok: false,
      reason: "ownAccount",
    });
    expect(await changeStaffAssignment(admin.staff, admin.staff.id, secretaryOfSchool(school))).toEqual({ ok: false, reason: "ownAccount" });
  });

  it("nobody deactivates themselves", async () => {
    expect(await deactivateStaff(admin.staff, admin.staff.id, "test")).toEqual({ ok: false, reason: "ownAccount" });
    expect(await deactivateStaff(support.staff, support.staff.id, "test")).toEqual({ ok: false, reason: "ownAccount" });
  });

  it("secretaries and privacy officers administer no staff", async () => {
    const secretary = await secretaryOf(school);
    const officer = await createStaff("privacy_officer", { boardId: school.boardId });
    expect(await listStaff(secretary.staff)).toEqual([]);
    expect(await inviteStaff(officer.staff, { email: email("x"), name: "X", locale: "fr", ...secretaryOfSchool(school) })).toEqual({
      ok: false,
      reason: "notAllowed",
    });
    expect(await deactivateStaff(officer.staff, secretary.staff.id, "x")).toEqual({ ok: false, reason: "notAllowed" });
  });

  it("always keeps one active admin", async () => {
    const other = await anAdmin();
    // Only these two admins are active (earlier tests created others).
    await db
      .update(staffUsers)
      .set({ disabledAt: new Date() })
      .where(and(eq(staffUsers.role, "admin"), sql`${staffUsers.id} not in (${admin.staff.id}, ${other.staff.id})`));
    // Another admin deactivates this one (allowed: `other` stays)...
    expect((await deactivateStaff(other.staff, admin.staff.id, "départ")).ok).toBe(true);
    // ...then a request still carrying the deactivated admin's context tries to remove the last one.
    expect(await deactivateStaff(admin.staff, other.staff.id, "départ")).toEqual({ ok: false, reason: "lastAdmin" });
    expect(await changeStaffAssignment(admin.staff, other.staff.id, secretaryOfSchool(school))).toEqual({ ok: false, reason: "lastAdmin" });
    // The database refuses it too, whoever writes.
    await expect(db.update(staffUsers).set({ role: "secretary" }).where(eq(staffUsers.id, other.staff.id))).rejects.toThrow();
    await expect(db.update(staffUsers).set({ disabledAt: new Date() }).where(eq(staffUsers.id, other.staff.id))).rejects.toThrow();
    expect((await reactivateStaff(other.staff, admin.staff.id)).ok).toBe(true);
  });
});

describe("changes, deactivation, resets and lockouts", () => {
  it("moves a secretary to other schools with the before and after in the audit", async () => {
    const secretary = await secretaryOf(school);
    const result = await changeStaffAssignment(support.staff, secretary.staff.id, { role: "secretary", boardId: null, schoolIds: [otherSchool.id, school.id] });
    expect(result.ok).toBe(true);
    const context = await loadStaffContext(secretary.staff.id);
    expect(context!.scope).toEqual({ kind: "schools", schoolIds: expect.arrayContaining([school.id, otherSchool.id]) });
    const [audit] = await auditFor(secretary.staff.id);
    expect(audit).toMatchObject({
      action: "staff.assignment_changed",
      actorStaffId: support.staff.id,
      details: { before: { role: "secretary", schoolIds: [school.id] }, after: { role: "secretary", schoolIds: [school.id, otherSchool.id].sort((a, b) => a - b) } },
    });
    expect(await changeStaffAssignment(support.staff, secretary.staff.id, { role: "secretary", boardId: null, schoolIds: [school.id, otherSchool.id] })).toEqual({
      ok: false,
      reason: "unchanged",
    });
  });

  it("leaves the assignment as it was when the audit row cannot be written", async () => {
    const secretary = await secretaryOf(school);
    await ownerDb().execute(sql.raw(`create or replace function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit unavailable'; end; $$`));
    await ownerDb().execute(sql.raw(`create trigger refuse_audit after insert on audit_log for each row execute function refuse_audit()`));
    try {
      await expect(changeStaffAssignment(admin.staff, secretary.staff.id, { role: "board_support", boardId: school.boardId, schoolIds: [] })).rejects.toThrow();
      await expect(deactivateStaff(admin.staff, secretary.staff.id, "départ")).rejects.toThrow();
    } finally {
      await ownerDb().execute(sql.raw(`drop trigger refuse_audit on audit_log`));
    }
    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, secretary.staff.id));
    expect(row).toMatchObject({ role: "secretary", disabledAt: null });
    expect((await db.select().from(staffSchools).where(eq(staffSchools.staffUserId, secretary.staff.id))).map((s) => s.schoolId)).toEqual([school.id]);
    expect(await auditFor(secretary.staff.id)).toEqual([]);
  });

  it("deactivation ends every session at once and refuses the next sign-in; reactivation restores access", async () => {
    const secretary = await secretaryOf(school);
    await db.update(staffUsers).set({ passwordHash: await hashPassword(password) }).where(eq(staffUsers.id, secretary.staff.id));
    const sessions = [
      await openSession(db, { subject: "staff", userId: secretary.staff.id, ip: null, userAgent: null }),
      await openSession(db, { subject: "staff", userId: secretary.staff.id, ip: null, userAgent: null }),
    ];
    expect(await touchSession(sessions[0]!)).toBe(true);

    const result = await deactivateStaff(support.staff, secretary.staff.id, "Départ à la retraite");
    expect(result).toEqual({ ok: true, value: { sessionsEnded: 2 } });
    for (const id of sessions) expect(await touchSession(id)).toBe(false);
    expect(await loadStaffContext(secretary.staff.id)).toBeNull();
    expect(await signInWithPassword({ subject: "staff", email: secretary.staff.email, password, ip: null, userAgent: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await deactivateStaff(support.staff, secretary.staff.id, "encore")).toEqual({ ok: false, reason: "alreadyDisabled" });

    expect((await reactivateStaff(support.staff, secretary.staff.id)).ok).toBe(true);
    expect((await signInWithPassword({ subject: "staff", email: secretary.staff.email, password, ip: null, userAgent: null })).ok).toBe(true);
    expect((await auditFor(secretary.staff.id)).map((a) => a.action)).toEqual(["staff.deactivated", "staff.reactivated"]);
  });

  it("a staff-started reset emails a link; the staff member chooses the password, which ends their sessions", async () => {
    const secretary = await secretaryOf(school);
    await db.update(staffUsers).set({ passwordHash: await hashPassword(password) }).where(eq(staffUsers.id, secretary.staff.id));
    const session = await openSession(db, { subject: "staff", userId: secretary.staff.id, ip: null, userAgent: null });

    expect((await startStaffPasswordReset(support.staff, secretary.staff.id, { locale: "fr" })).ok).toBe(true);
    const token = await linkTokenSentTo(secretary.staff.email, "mot-de-passe");
    // The old password keeps working until the link is used.
    expect((await signInWithPassword({ subject: "staff", email: secretary.staff.email, password, ip: null, userAgent: null })).ok).toBe(true);
    const chosen = "Nouveau-Mot-De-Passe-Vert-9";
    expect((await completeAccessLink("password_reset", token, chosen)).ok).toBe(true);
    expect(await touchSession(session)).toBe(false);
    expect((await signInWithPassword({ subject: "staff", email: secretary.staff.email, password, ip: null, userAgent: null })).ok).toBe(false);
    expect((await signInWithPassword({ subject: "staff", email: secretary.staff.email, password: chosen, ip: null, userAgent: null })).ok).toBe(true);
    expect(await completeAccessLink("password_reset", token, "Encore-Un-Autre-Mot-9")).toEqual({ ok: false, reason: "usedLink" });
    expect((await auditFor(secretary.staff.id)).map((a) => a.action)).toEqual(["staff.password_reset_started", "staff.password_reset_done"]);
  });

  it("lifts a lockout, audited, and says when there is none", async () => {
    const secretary = await secretaryOf(school);
    expect(await liftStaffLockout(support.staff, secretary.staff.id)).toEqual({ ok: false, reason: "notLocked" });
    for (let i = 0; i < 6; i++) {
      await db.insert(authEvents).values({ subject: "staff", kind: "signin", email: secretary.staff.email, success: false });
    }
    const listed = (await listStaff(support.staff)).find((s) => s.id === secretary.staff.id)!;
    expect(listed.consecutiveFailures).toBe(6);
    expect(listed.lockedUntil).not.toBeNull();
    expect(await liftStaffLockout(support.staff, secretary.staff.id)).toEqual({ ok: true, value: { failuresCleared: 6 } });
    const after = (await listStaff(support.staff)).find((s) => s.id === secretary.staff.id)!;
    expect(after).toMatchObject({ consecutiveFailures: 0, lockedUntil: null });
    expect((await auditFor(secretary.staff.id)).map((a) => a.action)).toEqual(["staff.lockout_lifted"]);
  });

  it("lists role, schools, sign-in figures and MFA status within the scope", async () => {
    const secretary = await secretaryOf(school);
    const rows = await listStaff(support.staff);
    const row = rows.find((r) => r.id === secretary.staff.id)!;
    expect(row).toMatchObject({ role: "secretary", status: "active", schools: [{ id: school.id, name: school.name }], mfa: { required: false, totp: false, passkeys: 0 } });
    expect(rows.find((r) => r.id === support.staff.id)?.mfa.required).toBe(true);
    expect(rows.every((r) => r.boardId === school.boardId)).toBe(true);
  });

  it("a board setting requires MFA for its secretaries; board support sets it only for their board", async () => {
    const secretary = await secretaryOf(school);
    expect(await setSecretaryMfaRequired(support.staff, foreignSchool.boardId, true)).toEqual({ ok: false, reason: "notFound" });
    expect((await setSecretaryMfaRequired(support.staff, school.boardId, true)).ok).toBe(true);
    expect((await loadStaffContext(secretary.staff.id))!.mfa.required).toBe(true);
    const [board] = await db.select().from(schoolBoards).where(eq(schoolBoards.id, school.boardId));
    expect(board!.secretaryMfaRequired).toBe(true);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "board.secretary_mfa_changed"), eq(auditLog.boardId, school.boardId)));
    expect(audits).toHaveLength(1);
  });
});
