"use server";
// Following an invitation or a staff password-reset link: the token is the proof; the staff member chooses
// their own password under their board's password rule.
import { accessLinkState, completeAccessLink, type AccessLinkKind } from "@/db/queries/staff-admin";
import { passwordPolicyForStaff } from "@/db/queries/password-policy";
import { newPasswordProblems } from "@/lib/password-strength";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { newPasswordSchema } from "@/lib/validations/auth";

export async function completeAccessLinkAction(kind: AccessLinkKind, token: string, input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    if (kind !== "invitation" && kind !== "password_reset") return failure("invalidInput");
    const state = await accessLinkState(kind, String(token));
    if (!state.ok) return failure(state.reason);
    const policy = await passwordPolicyForStaff(state.staffUserId);
    const parsed = parseInput(newPasswordSchema(policy), input);
    if (!parsed.ok) return parsed.result;
    const problems = newPasswordProblems(parsed.data.password, policy, [state.email, state.email.split("@")[0]!, state.name]);
    if (problems.length > 0) return failure("invalidInput", { fieldErrors: { password: problems.map((p) => `password.${p}`) } });
    const done = await completeAccessLink(kind, String(token), parsed.data.password);
    return done.ok ? success(undefined) : failure(done.reason);
  });
}
