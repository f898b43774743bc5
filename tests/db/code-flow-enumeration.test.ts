// No account enumeration past the first answer: through the server actions a browser calls, a reset for an
// address without an account (and a sign-up for an address that has one) must lead to the same next steps as
// the other case — the same code step that survives a closed tab, the same cooldown on a second request, the
// same answer to a wrong code — not only the same first response.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { verificationCodes } from "@/db/schema";
import { codeLimits, type CodePurpose } from "@/db/queries/verification-codes";
import type { ActionResult } from "@/lib/safe-action";
import { createParent } from "@/tests/helpers/accounts";

/** One simulated browser: its cookie jar and its address. The server actions read the current one. */
type Browser = { cookies: Map<string, string>; ip: string };
let current: Browser;

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (current.cookies.has(name) ? { name, value: current.cookies.get(name)! } : undefined),
    set: (name: string, value: string) => void current.cookies.set(name, value),
    delete: (name: string) => void current.cookies.delete(name),
  }),
  headers: async () => new Headers({ "x-forwarded-for": current.ip, "user-agent": "vitest" }),
}));
vi.mock("next-intl/server", () => ({ getLocale: async () => "fr" }));

const { requestCodeAction, resendCodeAction, verifyCodeAction } = await import("@/app/(parent)/_code-flow/actions");
const { currentFlowStep } = await import("@/app/(parent)/_code-flow/flow-state");
const { deliverSoon } = await import("@/lib/email/deliver");

let run = 0;
let browsers = 0;
function newBrowser(): Browser {
  browsers += 1;
  return { cookies: new Map(), ip: `198.51.100.${browsers}` };
}

async function inBrowser<T>(browser: Browser, work: () => Promise<T>): Promise<T> {
  current = browser;
  return work();
}

/** The flow step with the address and clock readings taken out, plus how far the cooldown and expiry lie ahead. */
async function stepSeenBy(browser: Browser, purpose: CodePurpose, email: string) {
  // The actions hand their email to a background delivery pass: let it finish, so both flows are read in the
  // same delivery state (the step says whether the email has left).
  await deliverSoon();
  const step = await inBrowser(browser, () => currentFlowStep(purpose));
  if (step.step !== "code") return { step };
  const now = Date.now();
  return {
    step: { ...step, email: step.email === email ? "<address>" : step.email, expiresAt: "<time>", resendAvailableAt: "<time>" },
    expiresIn: Math.round((Date.parse(step.expiresAt) - now) / 10_000),
    resendIn: Math.round((Date.parse(step.resendAvailableAt) - now) / 10_000),
  };
}

/** An action result with its wait rounded to 10 s, so two requests a few ms apart compare equal. */
function rounded(result: ActionResult): ActionResult {
  if (result.ok || result.retryAfterSeconds === undefined) return result;
  return { ...result, retryAfterSeconds: Math.round(result.retryAfterSeconds / 10) };
}

/** Walks both addresses through the same steps, comparing each answer and each resulting flow state. */
async function walkBoth(purpose: CodePurpose, withAccount: string, withoutAccount: string) {
  const a = newBrowser();
  const b = newBrowser();
  const both = async <T>(work: (email: string) => Promise<T>): Promise<[T, T]> => [
    await inBrowser(a, () => work(withAccount)),
    await inBrowser(b, () => work(withoutAccount)),
  ];

  const [firstA, firstB] = await both((email) => requestCodeAction(purpose, { email }));
  expect(firstA).toEqual({ ok: true, data: undefined });
  expect(firstB).toEqual(firstA);

  // The code step, and again after the tab was closed (the flow comes back from the cookie and the database).
  const stepA = await stepSeenBy(a, purpose, withAccount);
  const stepB = await stepSeenBy(b, purpose, withoutAccount);
  expect(stepA.step).toMatchObject({ step: "code", email: "<address>" });
  expect(stepA.resendIn).toBe(Math.round(codeLimits.cooldownSeconds / 10));
  expect(stepB).toEqual(stepA);

  // A second request at once: the same cooldown, whether asked again from the email step or with "resend".
  const [againA, againB] = await both((email) => requestCodeAction(purpose, { email }));
  expect(againA).toMatchObject({ ok: false, error: "cooldown" });
  expect(rounded(againB)).toEqual(rounded(againA));
  const [resendA, resendB] = await both(() => resendCodeAction(purpose));
  expect(resendA).toMatchObject({ ok: false, error: "cooldown" });
  expect(rounded(resendB)).toEqual(rounded(resendA));

  // A wrong code counts a try in both flows.
  const [wrongA, wrongB] = await both(() => verifyCodeAction(purpose, { code: "000000" }));
  const [wrongA2, wrongB2] = await both(() => verifyCodeAction(purpose, { code: "111111" }));
  expect([wrongA, wrongA2].map((r) => (r.ok ? "ok" : r.error))).not.toContain("flowExpired");
  expect(wrongB).toEqual(wrongA);
  expect(wrongB2).toEqual(wrongA2);

  // Once the cooldown has passed, "resend" works for both and keeps both on the code step.
  await db
    .update(verificationCodes)
    .set({ createdAt: new Date(Date.now() - (codeLimits.cooldownSeconds + 1) * 1000) })
    .where(eq(verificationCodes.email, withAccount));
  await db
    .update(verificationCodes)
    .set({ createdAt: new Date(Date.now() - (codeLimits.cooldownSeconds + 1) * 1000) })
    .where(eq(verificationCodes.email, withoutAccount));
  const [laterA, laterB] = await both(() => resendCodeAction(purpose));
  expect(laterA).toEqual({ ok: true, data: undefined });
  expect(laterB).toEqual(laterA);
  expect(await stepSeenBy(b, purpose, withoutAccount)).toEqual(await stepSeenBy(a, purpose, withAccount));
}

beforeEach(() => {
  run += 1;
});

afterAll(async () => {
  // The actions start a delivery pass in the background; let it finish before the database closes.
  await deliverSoon();
});

describe("password reset: an address without an account", () => {
  it("reaches the code step, keeps it after a closed tab, and meets the same cooldown as an account's address", async () => {
    const known = await createParent(`reset-connu${run}@exemple.ca`);
    await walkBoth("reset", known.email, `reset-inconnu${run}@exemple.ca`);
  });
});

describe("sign-up: an address that already has an account", () => {
  it("reaches the same code step and the same cooldown as a new address", async () => {
    const existing = await createParent(`inscription-existe${run}@exemple.ca`);
    await walkBoth("signup", existing.email, `inscription-nouveau${run}@exemple.ca`);
  });
});
