"use server";
// Step-up: proves a second factor again in the current session, so sensitive actions are allowed for 15 minutes.
import { verifySecondFactor } from "@/db/queries/staff-security";
import { requireStaff } from "@/lib/auth/session";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { secondFactorCodeSchema } from "@/lib/validations/staff-admin";

export async function confirmStepUpAction(input: unknown): Promise<ActionResult<{ recoveryCodesLeft: number | null }>> {
  return unlessUnavailable(async () => {
    const context = await requireStaff();
    const parsed = parseInput(secondFactorCodeSchema, input);
    if (!parsed.ok) return parsed.result;
    if (!context.session) return failure("sessionEnded");
    const result = await verifySecondFactor(context.staff.id, context.session.id, parsed.data.code);
    if (!result.ok) return failure(result.reason);
    return success({ recoveryCodesLeft: result.recoveryCodesLeft ?? null });
  });
}
