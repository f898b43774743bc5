// Who may add a second factor: a fully signed-in staff member (with a fresh proof when they already have one), or
// one whose role requires a factor they do not have yet; never a session that still owes its second factor.
import type { StaffContext } from "@/db/queries/staff";
import { currentStaffSigningIn } from "@/lib/auth/session";
import { failure, type ActionResult } from "@/lib/safe-action";
import { hasSecondFactor, pendingSignInStep, requireFreshSecondFactor } from "@/lib/staff/second-factor";

export async function enrolmentContext(): Promise<{ ok: true; context: StaffContext } | { ok: false; result: ActionResult<never> }> {
  const context = await currentStaffSigningIn();
  if (!context?.session) return { ok: false, result: failure("sessionEnded") };
  const step = pendingSignInStep(context);
  if (step === "verify") return { ok: false, result: failure("secondFactorFirst") };
  if (step === null && hasSecondFactor(context.mfa)) {
    const stepUp = requireFreshSecondFactor(context, "securityChange");
    if (stepUp) return { ok: false, result: stepUp };
  }
  return { ok: true, context };
}
