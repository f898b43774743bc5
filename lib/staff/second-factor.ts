// When a staff session must prove a second factor: at sign-in (before any back-office page), and again before a
// sensitive action when the last proof is older than 15 minutes (step-up).
import { failure, type ActionResult } from "@/lib/safe-action";

export const STEP_UP_MAX_AGE_MINUTES = 15;
/** Failed second-factor codes allowed per staff member in SECOND_FACTOR_WINDOW_MINUTES. */
export const SECOND_FACTOR_MAX_FAILURES = 5;
export const SECOND_FACTOR_WINDOW_MINUTES = 15;

export type StaffSessionState = { id: string; secondFactorAt: Date | null; secondFactorMethod: string | null };
export type StaffMfaState = { required: boolean; totp: boolean; passkeys: number };

/** Why a step-up is asked, shown to the staff member. */
export type StepUpReason = "guardianEmail" | "nipTypedAddress" | "importApply" | "personnel" | "securityChange" | "incident" | "retention";

export function hasSecondFactor(mfa: StaffMfaState): boolean {
  return mfa.totp || mfa.passkeys > 0;
}

/**
 * What the session still lacks before the back-office opens: "verify" (a code or passkey), "enrol" (the role
 * requires a second factor and none is set up), or null. Entra ID sessions rely on the identity provider's MFA.
 */
export function pendingSignInStep(context: { session: StaffSessionState | null; mfa: StaffMfaState }): "verify" | "enrol" | null {
  const { session, mfa } = context;
  if (!session || session.secondFactorAt) return null;
  if (hasSecondFactor(mfa)) return "verify";
  return mfa.required ? "enrol" : null;
}

export function secondFactorIsFresh(session: StaffSessionState | null, now: Date = new Date()): boolean {
  if (!session?.secondFactorAt) return false;
  return now.getTime() - session.secondFactorAt.getTime() <= STEP_UP_MAX_AGE_MINUTES * 60_000;
}

/**
 * The guard of every sensitive staff action: null when the session proved a second factor within the last
 * 15 minutes, otherwise the "stepUpRequired" result the form turns into a prompt (with the reason it asks).
 */
export function requireFreshSecondFactor(
  context: { session: StaffSessionState | null; mfa?: StaffMfaState },
  reason: StepUpReason,
  now: Date = new Date(),
): Extract<ActionResult<never>, { ok: false }> | null {
  if (secondFactorIsFresh(context.session, now)) return null;
  // The prompt offers the passkey button only to someone who has one.
  return failure("stepUpRequired", { params: { reason, ...(context.mfa?.passkeys ? { passkey: 1 } : {}) } });
}
