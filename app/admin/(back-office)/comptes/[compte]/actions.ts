"use server";
// Staff actions on a parent account: each re-reads the session and passes the scope to the query, which answers an
// account outside it like a missing one. (Revoking an association uses the student page's action.)
import { liftParentLockout, startPasswordResetForParent, type AccountActionResult } from "@/db/queries/parent-accounts-admin";
import { mayActOnRecords } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { accountActionSchema } from "@/lib/validations/parent-accounts-admin";

function toActionResult<T>(result: AccountActionResult<T>): ActionResult<T> {
  if (result.ok) return success(result.value);
  return failure(
    result.reason,
    result.retryAfterSeconds ? { retryAfterSeconds: result.retryAfterSeconds, params: { seconds: result.retryAfterSeconds } } : {},
  );
}

export async function liftLockoutAction(input: unknown): Promise<ActionResult<{ failuresCleared: number }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(accountActionSchema, input);
    if (!parsed.ok) return parsed.result;
    return toActionResult(await liftParentLockout(scope, staff.id, parsed.data.accountId));
  });
}

/** Staff start the reset; the code goes to the parent only and the parent chooses the password. */
export async function startPasswordResetAction(input: unknown): Promise<ActionResult<{ expiresAt: string }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(accountActionSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await startPasswordResetForParent(scope, staff.id, parsed.data.accountId);
    if (result.ok) void deliverSoon();
    return toActionResult(result.ok ? { ok: true, value: { expiresAt: result.value.expiresAt.toISOString() } } : result);
  });
}
