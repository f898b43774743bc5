"use server";
// The parent's own account: each action re-reads the signed-in parent and asks for the current password where
// the change could lock the owner out or hand the account to someone else.
import {
  changeOwnPassword,
  confirmEmailChange,
  deleteOwnAccount,
  requestEmailChange,
  signOutOtherSessions,
} from "@/db/queries/own-account";
import { passwordPolicyForParent } from "@/db/queries/password-policy";
import { currentParent, currentSessionId } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { newPasswordProblems } from "@/lib/password-strength";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { accountDeletionSchema, emailChangeConfirmSchema, emailChangeRequestSchema, passwordChangeSchema } from "@/lib/validations/own-account";

export async function requestEmailChangeAction(input: unknown): Promise<ActionResult<{ newEmail: string }>> {
  return unlessUnavailable(async () => {
    const parent = await currentParent();
    if (!parent) return failure("forbidden");
    const parsed = parseInput(emailChangeRequestSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await requestEmailChange(parent.id, parsed.data);
    if (!result.ok) return failure(result.reason === "notFound" ? "forbidden" : result.reason);
    void deliverSoon();
    return success({ newEmail: parsed.data.newEmail });
  });
}

export async function confirmEmailChangeAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  return unlessUnavailable(async () => {
    const parent = await currentParent();
    if (!parent) return failure("forbidden");
    const parsed = parseInput(emailChangeConfirmSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await confirmEmailChange(parent.id, parsed.data.code);
    if (result.ok) {
      void deliverSoon();
      return success({ email: result.email });
    }
    if (result.reason === "wrongCode") return failure("wrongCode", { params: { attemptsLeft: result.attemptsLeft } });
    return failure(result.reason === "notFound" ? "forbidden" : result.reason);
  });
}

export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const parent = await currentParent();
    if (!parent) return failure("forbidden");
    const policy = await passwordPolicyForParent(parent.id);
    const parsed = parseInput(passwordChangeSchema(policy), input);
    if (!parsed.ok) return parsed.result;
    const problems = newPasswordProblems(parsed.data.password, policy, [parent.email, parent.email.split("@")[0]!]);
    if (problems.length > 0) return failure("invalidInput", { fieldErrors: { password: problems.map((p) => `password.${p}`) } });
    const result = await changeOwnPassword(parent.id, await currentSessionId(), {
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.password,
    });
    if (!result.ok) return failure(result.reason === "notFound" ? "forbidden" : result.reason);
    void deliverSoon();
    return success(undefined);
  });
}

export async function signOutOthersAction(): Promise<ActionResult<{ ended: number }>> {
  return unlessUnavailable(async () => {
    const parent = await currentParent();
    if (!parent) return failure("forbidden");
    return success({ ended: await signOutOtherSessions(parent.id, await currentSessionId()) });
  });
}

export async function deleteAccountAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const parent = await currentParent();
    if (!parent) return failure("forbidden");
    const parsed = parseInput(accountDeletionSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await deleteOwnAccount(parent.id, parsed.data.password);
    if (!result.ok) return failure(result.reason === "notFound" ? "forbidden" : result.reason);
    void deliverSoon();
    return success(undefined);
  });
}
