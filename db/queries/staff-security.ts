// A staff member's second factors (TOTP with recovery codes; passkeys in staff-passkeys.ts) and the proof of one
// in a session: at sign-in and for step-up. Failed codes are counted in auth_events and limited per staff member.
import { and, count, eq, gt, isNull, max, sql } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { recordAuthEvent } from "@/db/queries/auth";
import { authEvents, authSessions, staffRecoveryCodes, staffUsers } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hashSecret } from "@/lib/secret-hash";
import { openSecret, sealSecret } from "@/lib/secret-box";
import { newRecoveryCodes, normalizeRecoveryCode } from "@/lib/staff/recovery-codes";
import { SECOND_FACTOR_MAX_FAILURES, SECOND_FACTOR_WINDOW_MINUTES } from "@/lib/staff/second-factor";
import { matchTotpStep, newTotpSecret, totpUri } from "@/lib/staff/totp";

const TOTP_BOX = "totp";
const RECOVERY_HASH_PURPOSE = "staff-recovery-code";

/** A TOTP secret as stored (the demo seed writes its documented secret this way). */
export function sealTotpSecret(secret: string): string {
  return sealSecret(secret, TOTP_BOX);
}

export type SecondFactorMethod = "totp" | "recovery" | "passkey" | "entra";

/** Ends every open session of a staff member (deactivation, password reset). */
export async function revokeStaffSessions(executor: Executor, staffUserId: string): Promise<number> {
  const ended = await executor
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(authSessions.staffUserId, staffUserId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return ended.length;
}

/** The session's second-factor state, if it is a live session of this staff member. */
/** Records a proven second factor in the session (sign-in or step-up). */
export async function markSecondFactor(executor: Executor, sessionId: string, staffUserId: string, method: SecondFactorMethod) {
  await executor
    .update(authSessions)
    .set({ secondFactorAt: sql`now()`, secondFactorMethod: method })
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.staffUserId, staffUserId), isNull(authSessions.revokedAt)));
}

/** A sign-in that did not go through the password check (passkey) still updates the last sign-in. */
export async function markStaffSignedIn(staffUserId: string) {
  await db.update(staffUsers).set({ lastSigninAt: sql`now()` }).where(eq(staffUsers.id, staffUserId));
}

export async function recoveryCodesLeft(staffUserId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.staffUserId, staffUserId), isNull(staffRecoveryCodes.usedAt)));
  return n;
}

async function lockStaff(tx: Transaction, staffUserId: string) {
  const [row] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffUserId)).for("update");
  return row && !row.disabledAt ? row : null;
}

/** Consecutive failed codes within the window, since the last success. */
async function recentFailures(tx: Transaction, email: string): Promise<number> {
  const since = new Date(Date.now() - SECOND_FACTOR_WINDOW_MINUTES * 60_000);
  const [{ lastSuccess }] = await tx
    .select({ lastSuccess: max(authEvents.createdAt) })
    .from(authEvents)
    .where(and(eq(authEvents.subject, "staff"), eq(authEvents.email, email), eq(authEvents.kind, "second-factor"), eq(authEvents.success, true)));
  const from = lastSuccess && lastSuccess > since ? lastSuccess : since;
  const [{ n }] = await tx
    .select({ n: count() })
    .from(authEvents)
    .where(
      and(
        eq(authEvents.subject, "staff"),
        eq(authEvents.email, email),
        eq(authEvents.kind, "second-factor"),
        eq(authEvents.success, false),
        gt(authEvents.createdAt, from),
      ),
    );
  return n;
}

async function replaceRecoveryCodes(tx: Transaction, staffUserId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffUserId, staffUserId));
  await tx
    .insert(staffRecoveryCodes)
    .values(codes.map((code) => ({ staffUserId, codeHash: hashSecret(normalizeRecoveryCode(code)!, RECOVERY_HASH_PURPOSE) })));
  return codes;
}

export type TotpEnrolmentStart = { secret: string; uri: string };

/** Draws a new secret, kept (encrypted) as pending until a code from it confirms the enrolment. */
export async function startTotpEnrolment(staffUserId: string): Promise<TotpEnrolmentStart | null> {
  const secret = newTotpSecret();
  const [row] = await db
    .update(staffUsers)
    .set({ totpPendingSecret: sealSecret(secret, TOTP_BOX) })
    .where(and(eq(staffUsers.id, staffUserId), isNull(staffUsers.disabledAt)))
    .returning({ email: staffUsers.email });
  return row ? { secret, uri: totpUri(secret, row.email) } : null;
}

/** The pending secret again (the enrolment page reloaded), or null. */
export async function pendingTotpEnrolment(staffUserId: string): Promise<TotpEnrolmentStart | null> {
  const [row] = await db
    .select({ email: staffUsers.email, pending: staffUsers.totpPendingSecret })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffUserId));
  const secret = row?.pending ? openSecret(row.pending, TOTP_BOX) : null;
  return secret && row ? { secret, uri: totpUri(secret, row.email) } : null;
}

export type SecondFactorFailure = "invalidCode" | "replayedCode" | "throttled" | "noPendingEnrolment" | "noSecondFactor";
export type ConfirmTotpResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: SecondFactorFailure };

/**
 * Confirms enrolment with a first code of the pending secret: TOTP becomes active, ten new recovery codes are
 * returned (to show once; only their HMACs are kept), the session counts as having proven a second factor.
 */
export async function confirmTotpEnrolment(
  staffUserId: string,
  sessionId: string | null,
  code: string,
  now: number = Date.now(),
): Promise<ConfirmTotpResult> {
  return db.transaction(async (tx) => {
    const staff = await lockStaff(tx, staffUserId);
    const secret = staff?.totpPendingSecret ? openSecret(staff.totpPendingSecret, TOTP_BOX) : null;
    if (!staff || !secret) return { ok: false as const, reason: "noPendingEnrolment" as const };
    if ((await recentFailures(tx, staff.email)) >= SECOND_FACTOR_MAX_FAILURES) return { ok: false as const, reason: "throttled" as const };
    const step = matchTotpStep(secret, code, now);
    await recordAuthEvent(tx, { subject: "staff", kind: "second-factor", email: staff.email, success: step !== null, ip: null, userAgent: null });
    if (step === null) return { ok: false as const, reason: "invalidCode" as const };
    await tx
      .update(staffUsers)
      .set({ totpSecret: staff.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: sql`now()`, totpLastStep: step })
      .where(eq(staffUsers.id, staff.id));
    const recoveryCodes = await replaceRecoveryCodes(tx, staff.id);
    if (sessionId) await markSecondFactor(tx, sessionId, staff.id, "totp");
    await recordAudit(tx, { actor: staff.id, action: "staff.mfa_enrolled", boardId: staff.boardId, details: { staffId: staff.id, method: "totp" } });
    return { ok: true as const, recoveryCodes };
  });
}

export type VerifySecondFactorResult = { ok: true; method: "totp" | "recovery"; recoveryCodesLeft?: number } | { ok: false; reason: SecondFactorFailure };

/**
 * Checks a TOTP code (a code of a step already used is refused: replay) or a recovery code (single use), and
 * records the proof in the session. At most SECOND_FACTOR_MAX_FAILURES failures per window, per staff member.
 */
export async function verifySecondFactor(
  staffUserId: string,
  sessionId: string | null,
  input: string,
  now: number = Date.now(),
): Promise<VerifySecondFactorResult> {
  return db.transaction(async (tx) => {
    const staff = await lockStaff(tx, staffUserId);
    if (!staff) return { ok: false as const, reason: "noSecondFactor" as const };
    if ((await recentFailures(tx, staff.email)) >= SECOND_FACTOR_MAX_FAILURES) return { ok: false as const, reason: "throttled" as const };
    const fail = async (reason: SecondFactorFailure) => {
      await recordAuthEvent(tx, { subject: "staff", kind: "second-factor", email: staff.email, success: false, ip: null, userAgent: null });
      return { ok: false as const, reason };
    };
    const succeed = async (method: "totp" | "recovery") => {
      await recordAuthEvent(tx, { subject: "staff", kind: "second-factor", email: staff.email, success: true, ip: null, userAgent: null });
      if (sessionId) await markSecondFactor(tx, sessionId, staff.id, method);
    };

    const secret = staff.totpSecret ? openSecret(staff.totpSecret, TOTP_BOX) : null;
    const recovery = normalizeRecoveryCode(input);
    if (secret && recovery === null) {
      const step = matchTotpStep(secret, input, now);
      if (step === null) return fail("invalidCode");
      if (staff.totpLastStep !== null && step <= staff.totpLastStep) return fail("replayedCode");
      await tx.update(staffUsers).set({ totpLastStep: step }).where(eq(staffUsers.id, staff.id));
      await succeed("totp");
      return { ok: true as const, method: "totp" as const };
    }
    if (recovery !== null) {
      const used = await tx
        .update(staffRecoveryCodes)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(staffRecoveryCodes.staffUserId, staff.id),
            eq(staffRecoveryCodes.codeHash, hashSecret(recovery, RECOVERY_HASH_PURPOSE)),
            isNull(staffRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: staffRecoveryCodes.id });
      if (used.length === 0) return fail("invalidCode");
      await succeed("recovery");
      const [{ left }] = await tx
        .select({ left: count() })
        .from(staffRecoveryCodes)
        .where(and(eq(staffRecoveryCodes.staffUserId, staff.id), isNull(staffRecoveryCodes.usedAt)));
      return { ok: true as const, method: "recovery" as const, recoveryCodesLeft: left };
    }
    return secret ? fail("invalidCode") : { ok: false as const, reason: "noSecondFactor" as const };
  });
}

/** Ten new recovery codes (the old ones stop working). Call only after a fresh second factor. */
export async function renewRecoveryCodes(staffUserId: string): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const staff = await lockStaff(tx, staffUserId);
    if (!staff?.totpEnabledAt) return null;
    const codes = await replaceRecoveryCodes(tx, staff.id);
    await recordAudit(tx, { actor: staff.id, action: "staff.recovery_codes_renewed", boardId: staff.boardId, details: { staffId: staff.id } });
    return codes;
  });
}
