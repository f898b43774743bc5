import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { openSession } from "@/db/queries/auth";
import { loadStaffContext, openStaffSession, type StaffContext } from "@/db/queries/staff";
import {
  confirmTotpEnrolment,
  renewRecoveryCodes,
  startTotpEnrolment,
  verifySecondFactor,
} from "@/db/queries/staff-security";
import { auditLog, authSessions, staffRecoveryCodes, staffUsers, type School } from "@/db/schema";
import { pendingSignInStep, requireFreshSecondFactor, secondFactorIsFresh } from "@/lib/staff/second-factor";
import { totpCodeAt } from "@/lib/staff/totp";
import { createBoardWithSchool } from "@/tests/helpers/school-fixtures";
import { boardSupportOf, secretaryOf } from "@/tests/helpers/staff-fixtures";

let school: School;
let support: StaffContext;
let sessionId: string;

/** A fixed instant in the middle of a 30-second step, so "the step before/after" is unambiguous. */
const t0 = Date.UTC(2026, 10, 30, 14, 0, 15);

beforeEach(async () => {
  ({ school } = await createBoardWithSchool());
  support = await boardSupportOf({ id: school.boardId });
  sessionId = await openSession(db, { subject: "staff", userId: support.staff.id, ip: null, userAgent: null });
});

async function enrol(staffId: string, session: string | null = sessionId) {
  const start = await startTotpEnrolment(staffId);
  if (!start) throw new Error("no enrolment");
  const result = await confirmTotpEnrolment(staffId, session, totpCodeAt(start.secret, t0), t0);
  if (!result.ok) throw new Error(result.reason);
  return { secret: start.secret, recoveryCodes: result.recoveryCodes };
}

describe("the back office's session check", () => {
  it("reads the staff member, their scope and their session in one, only while the session is open and theirs", async () => {
    const secretary = await secretaryOf(school);
    const opened = (await openStaffSession(sessionId, support.staff.id))!;
    expect(opened.scope).toEqual({ kind: "board", boardId: school.boardId });
    expect(opened.session).toEqual({ id: sessionId, secondFactorAt: null, secondFactorMethod: null });
    expect(opened.mfa).toEqual({ required: true, totp: false, passkeys: 0 });
    expect(await openStaffSession(sessionId, secretary.staff.id)).toBeNull();
    const own = await openSession(db, { subject: "staff", userId: secretary.staff.id, ip: null, userAgent: null });
    expect((await openStaffSession(own, secretary.staff.id))!.scope).toEqual({ kind: "schools", schoolIds: [school.id] });
    await db.update(authSessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(authSessions.id, own));
    expect(await openStaffSession(own, secretary.staff.id)).toBeNull();
    await db.update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.id, sessionId));
    expect(await openStaffSession(sessionId, support.staff.id)).toBeNull();
  });
});

describe("TOTP enrolment", () => {
  it("requires a second factor of board support at sign-in, asking to enrol first", async () => {
    const context = (await loadStaffContext(support.staff.id, sessionId))!;
    expect(context.mfa).toEqual({ required: true, totp: false, passkeys: 0 });
    expect(pendingSignInStep(context)).toBe("enrol");
    // A secretary of a board that does not require it signs in with a password alone.
    const secretary = await secretaryOf(school);
    const own = await openSession(db, { subject: "staff", userId: secretary.staff.id, ip: null, userAgent: null });
    expect(pendingSignInStep((await loadStaffContext(secretary.staff.id, own))!)).toBeNull();
  });

  it("activates with a first code, stores the secret encrypted and ten hashed recovery codes, audited", async () => {
    const start = await startTotpEnrolment(support.staff.id);
    expect(start!.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(await confirmTotpEnrolment(support.staff.id, sessionId, "000000", t0)).toMatchObject({ ok: false, reason: "invalidCode" });
    const result = await confirmTotpEnrolment(support.staff.id, sessionId, totpCodeAt(start!.secret, t0), t0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.recoveryCodes).toHaveLength(10);
    expect(new Set(result.recoveryCodes).size).toBe(10);

    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, support.staff.id));
    expect(row!.totpSecret).not.toContain(start!.secret);
    expect(row!.totpPendingSecret).toBeNull();
    const stored = await db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, support.staff.id));
    expect(stored).toHaveLength(10);
    for (const code of result.recoveryCodes) {
      expect(stored.some((s) => s.codeHash.includes(code) || s.codeHash.includes(code.replace("-", "")))).toBe(false);
    }
    const context = (await loadStaffContext(support.staff.id, sessionId))!;
    expect(context.mfa.totp).toBe(true);
    // Enrolling proved the factor in this session.
    expect(pendingSignInStep(context)).toBeNull();
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, "staff.mfa_enrolled"), eq(auditLog.actorStaffId, support.staff.id)));
    expect(audit).toHaveLength(1);
  });
});

describe("TOTP sign-in", () => {
  it("asks for the code in a new session, accepts the steps around now and refuses others", async () => {
    const { secret } = await enrol(support.staff.id);
    const next = await openSession(db, { subject: "staff", userId: support.staff.id, ip: null, userAgent: null });
    expect(pendingSignInStep((await loadStaffContext(support.staff.id, next))!)).toBe("verify");

    // Two steps away (60 s) is outside the window.
    expect(await verifySecondFactor(support.staff.id, next, totpCodeAt(secret, t0 + 60_000), t0)).toEqual({ ok: false, reason: "invalidCode" });
    expect(await verifySecondFactor(support.staff.id, next, totpCodeAt(secret, t0 - 60_000), t0)).toEqual({ ok: false, reason: "invalidCode" });
    // One step ahead is accepted (clock drift)...
    expect(await verifySecondFactor(support.staff.id, next, totpCodeAt(secret, t0 + 30_000), t0)).toEqual({ ok: true, method: "totp" });
    expect(pendingSignInStep((await loadStaffContext(support.staff.id, next))!)).toBeNull();
  });

  it("refuses the same code twice (replay), and an older step after a newer one", async () => {
    const { secret } = await enrol(support.staff.id);
    const later = t0 + 90_000;
    const a = await openSession(db, { subject: "staff", userId: support.staff.id, ip: null, userAgent: null });
    const b = await openSession(db, { subject: "staff", userId: support.staff.id, ip: null, userAgent: null });
    const code = totpCodeAt(secret, later);
    expect((await verifySecondFactor(support.staff.id, a, code, later)).ok).toBe(true);
    expect(await verifySecondFactor(support.staff.id, b, code, later)).toEqual({ ok: false, reason: "replayedCode" });
    expect(await verifySecondFactor(support.staff.id, b, totpCodeAt(secret, later - 30_000), later)).toEqual({ ok: false, reason: "replayedCode" });
    expect((await loadStaffContext(support.staff.id, b))!.session!.secondFactorAt).toBeNull();
    // The next step's code works.
    expect((await verifySecondFactor(support.staff.id, b, totpCodeAt(secret, later + 30_000), later + 30_000)).ok).toBe(true);
  });

  it("accepts each recovery code once, typed in any case with spaces", async () => {
    const { recoveryCodes } = await enrol(support.staff.id);
    const s = await openSession(db, { subject: "staff", userId: support.staff.id, ip: null, userAgent: null });
    const typed = ` ${recoveryCodes[3]!.toUpperCase().replace("-", " ")} `;
    expect(await verifySecondFactor(support.staff.id, s, typed, t0)).toEqual({ ok: true, method: "recovery", recoveryCodesLeft: 9 });
    expect(await verifySecondFactor(support.staff.id, s, recoveryCodes[3]!, t0)).toEqual({ ok: false, reason: "invalidCode" });
    const used = await db
      .select()
      .from(staffRecoveryCodes)
      .where(and(eq(staffRecoveryCodes.staffUserId, support.staff.id), isNull(staffRecoveryCodes.usedAt)));
    expect(used).toHaveLength(9);
    // Renewing replaces all ten: the old ones stop working.
    const renewed = await renewRecoveryCodes(support.staff.id);
    expect(renewed).toHaveLength(10);
    expect(await verifySecondFactor(support.staff.id, s, recoveryCodes[4]!, t0)).toEqual({ ok: false, reason: "invalidCode" });
    expect((await verifySecondFactor(support.staff.id, s, renewed![0]!, t0)).ok).toBe(true);
  });

  it("stops after five wrong codes in 15 minutes, even for a right one", async () => {
    const { secret } = await enrol(support.staff.id);
    const s = await openSession(db, { subject: "staff", userId: support.staff.id, ip: null, userAgent: null });
    for (let i = 0; i < 5; i++) {
      expect((await verifySecondFactor(support.staff.id, s, "111111", t0 + 120_000)).ok).toBe(false);
    }
    expect(await verifySecondFactor(support.staff.id, s, totpCodeAt(secret, t0 + 120_000), t0 + 120_000)).toEqual({ ok: false, reason: "throttled" });
  });
});

describe("step-up freshness", () => {
  it("allows a sensitive action within 15 minutes of the last second factor, not after", async () => {
    const { secret } = await enrol(support.staff.id);
    const s = await openSession(db, { subject: "staff", userId: support.staff.id, ip: null, userAgent: null });
    const none = (await loadStaffContext(support.staff.id, s))!;
    expect(requireFreshSecondFactor(none, "guardianEmail")).toEqual({ ok: false, error: "stepUpRequired", params: { reason: "guardianEmail" } });

    expect((await verifySecondFactor(support.staff.id, s, totpCodeAt(secret, t0 + 60_000), t0 + 60_000)).ok).toBe(true);
    const fresh = (await loadStaffContext(support.staff.id, s))!;
    expect(requireFreshSecondFactor(fresh, "guardianEmail")).toBeNull();
    const at = fresh.session!.secondFactorAt!.getTime();
    expect(secondFactorIsFresh(fresh.session, new Date(at + 14 * 60_000))).toBe(true);
    expect(secondFactorIsFresh(fresh.session, new Date(at + 16 * 60_000))).toBe(false);

    // As stored: a proof 16 minutes old in the database is stale.
    await db.update(authSessions).set({ secondFactorAt: sql`now() - interval '16 minutes'` }).where(eq(authSessions.id, s));
    const stale = (await loadStaffContext(support.staff.id, s))!;
    expect(requireFreshSecondFactor(stale, "personnel")).toMatchObject({ ok: false, error: "stepUpRequired" });
    // A revoked session proves nothing.
    await db.update(authSessions).set({ secondFactorAt: sql`now()`, revokedAt: sql`now()` }).where(eq(authSessions.id, s));
    expect((await loadStaffContext(support.staff.id, s))!.session).toBeNull();
  });
});
