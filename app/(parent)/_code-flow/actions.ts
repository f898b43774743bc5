"use server";
// Server actions of the two email-code flows (sign-up and password reset): same steps, same limits.
import { getLocale } from "next-intl/server";
import { completePasswordReset, completeSignup } from "@/db/queries/parent-accounts";
import { passwordPolicyForFlow, signupBoardByCode } from "@/db/queries/password-policy";
import { flowStatus, requestCode, verifyCode, type CodePurpose } from "@/db/queries/verification-codes";
import { clearFlowCookie, readFlowCookie, writeFlowCookie } from "@/lib/auth/flow-cookie";
import { afterResponse } from "@/lib/after-response";
import { deliverSoon } from "@/lib/email/deliver";
import { toLocale } from "@/lib/i18n/locale";
import { newPasswordProblems } from "@/lib/password-strength";
import { requestClient } from "@/lib/request-client";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { codeSchema, newPasswordSchema, requestCodeSchema } from "@/lib/validations/auth";

const purposes: CodePurpose[] = ["signup", "reset"];

function checkPurpose(purpose: unknown): purpose is CodePurpose {
  return purposes.includes(purpose as CodePurpose);
}

async function sendCode(purpose: CodePurpose, email: string, boardId: number | null): Promise<ActionResult> {
  const result = await requestCode({
    email,
    purpose,
    boardId,
    ip: (await requestClient()).ip,
    locale: toLocale(await getLocale()),
    deferEmail: true,
  });
  if (!result.ok) return failure(result.reason, { retryAfterSeconds: result.retryAfterSeconds });
  await writeFlowCookie(purpose, result.flow);
  // Whether an account exists changes only this step: it runs once the answer is sent.
  await afterResponse(async () => {
    await result.queueEmail();
    await deliverSoon();
  });
  return success(undefined);
}

/** `organisme`: the code of the board whose link opened the sign-up page; its password rule applies. */
export async function requestCodeAction(purpose: CodePurpose, input: unknown, organisme?: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    if (!checkPurpose(purpose)) return failure("invalidInput");
    const parsed = parseInput(requestCodeSchema, input);
    if (!parsed.ok) return parsed.result;
    const board = purpose === "signup" && typeof organisme === "string" ? await signupBoardByCode(organisme) : null;
    return sendCode(purpose, parsed.data.email, board?.id ?? null);
  });
}

/** Sends a new code to the address of the flow in progress (after the cooldown). */
export async function resendCodeAction(purpose: CodePurpose): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    if (!checkPurpose(purpose)) return failure("invalidInput");
    const flow = await readFlowCookie(purpose);
    const status = flow ? await flowStatus(flow) : null;
    if (!status) return failure("flowExpired");
    return sendCode(purpose, status.email, status.boardId);
  });
}

export async function verifyCodeAction(purpose: CodePurpose, input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    if (!checkPurpose(purpose)) return failure("invalidInput");
    const parsed = parseInput(codeSchema, input);
    if (!parsed.ok) return parsed.result;
    const flow = await readFlowCookie(purpose);
    if (!flow) return failure("flowExpired");
    const result = await verifyCode(flow, parsed.data.code);
    if (result.ok) return success(undefined);
    if (result.reason === "wrongCode") {
      return failure("wrongCode", { params: { attemptsLeft: result.attemptsLeft } });
    }
    return failure(result.reason === "locked" ? "codeLocked" : "flowExpired");
  });
}

export async function setPasswordAction(purpose: CodePurpose, input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    if (!checkPurpose(purpose)) return failure("invalidInput");
    const flow = await readFlowCookie(purpose);
    if (!flow) return failure("flowExpired");
    const status = await flowStatus(flow);
    if (!status) return failure("flowExpired");
    const policy = await passwordPolicyForFlow(status);
    const parsed = parseInput(newPasswordSchema(policy), input);
    if (!parsed.ok) return parsed.result;
    const problems = newPasswordProblems(parsed.data.password, policy, [status.email, status.email.split("@")[0]!]);
    if (problems.length > 0) {
      return failure("invalidInput", { fieldErrors: { password: problems.map((p) => `password.${p}`) } });
    }
    const locale = toLocale(await getLocale());
    const complete = purpose === "signup" ? completeSignup : completePasswordReset;
    const outcome = await complete(flow, parsed.data.password, locale);
    if (!outcome.ok) return failure(outcome.reason === "expired" ? "flowExpired" : "notVerified");
    await clearFlowCookie(purpose);
    deliverSoon();
    return success(undefined);
  });
}

/** "Use another address": forget the flow in progress in this browser. */
export async function restartFlowAction(purpose: CodePurpose): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    if (!checkPurpose(purpose)) return failure("invalidInput");
    await clearFlowCookie(purpose);
    return success(undefined);
  });
}
