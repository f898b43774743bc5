// The password rule through the sign-up and reset actions a browser calls: a sign-up from a board's link is held
// to that board's rule (recorded on the flow, then on the account), a reset to the strictest of the account's
// boards; the page's checklist and the action resolve the same rule.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { associations, parentAccounts, verificationCodes, type School, type SchoolBoard } from "@/db/schema";
import { codeLimits, type CodePurpose } from "@/db/queries/verification-codes";
import { createParent, latestCodeSentTo, strongPassword } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";

const cookies = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name)! } : undefined),
    set: (name: string, value: string) => void cookies.set(name, value),
    delete: (name: string) => void cookies.delete(name),
  }),
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.40", "user-agent": "vitest" }),
}));
vi.mock("next-intl/server", () => ({ getLocale: async () => "fr" }));

const { requestCodeAction, resendCodeAction, setPasswordAction, verifyCodeAction } = await import("@/app/(parent)/_code-flow/actions");
const { currentFlow } = await import("@/app/(parent)/_code-flow/flow-state");
const { deliverSoon } = await import("@/lib/email/deliver");

/** Long enough and not guessable, but of one kind of character only. */
const oneKindOnly = "troispommesvertesgrisesdumarche";

let run = 0;
let guides: { board: SchoolBoard; school: School };

beforeEach(async () => {
  run += 1;
  cookies.clear();
  guides = await createBoardWithSchool({ passwordMinClasses: 3 });
});

afterAll(async () => {
  await deliverSoon();
});

async function verifiedFlow(purpose: CodePurpose, email: string, organisme?: string) {
  expect(await requestCodeAction(purpose, { email }, organisme)).toEqual({ ok: true, data: undefined });
  const code = await latestCodeSentTo(email);
  expect(code).not.toBeNull();
  expect(await verifyCodeAction(purpose, { code })).toEqual({ ok: true, data: undefined });
}

const choose = (purpose: CodePurpose, password: string) => setPasswordAction(purpose, { password, confirmation: password });

describe("sign-up from a board's link", () => {
  it("applies that board's composition rule on the page and in the action, and records the board on the account", async () => {
    const email = `lien-organisme${run}@exemple.ca`;
    await verifiedFlow("signup", email, guides.board.code.toLowerCase());
    const { state, policy } = await currentFlow("signup");
    expect(state).toEqual({ step: "password", email });
    expect(policy.minClasses).toBe(3);

    expect(await choose("signup", oneKindOnly)).toMatchObject({ ok: false, fieldErrors: { password: ["password.tooFewClasses"] } });
    expect(await db.select().from(parentAccounts).where(eq(parentAccounts.email, email))).toHaveLength(0);
    expect(await choose("signup", strongPassword)).toEqual({ ok: true, data: undefined });
    const [account] = await db.select().from(parentAccounts).where(eq(parentAccounts.email, email));
    expect(account!.signupBoardId).toBe(guides.board.id);
  });

  it("keeps the board when the code is sent again", async () => {
    const email = `renvoi${run}@exemple.ca`;
    expect((await requestCodeAction("signup", { email }, guides.board.code)).ok).toBe(true);
    await db
      .update(verificationCodes)
      .set({ createdAt: new Date(Date.now() - (codeLimits.cooldownSeconds + 1) * 1000) })
      .where(eq(verificationCodes.email, email));
    expect((await resendCodeAction("signup")).ok).toBe(true);
    const rows = await db.select().from(verificationCodes).where(eq(verificationCodes.email, email)).orderBy(desc(verificationCodes.createdAt));
    expect(rows.map((row) => row.boardId)).toEqual([guides.board.id, guides.board.id]);
  });

  it("without a link (or with an unknown board) applies the default: length and strength, no composition", async () => {
    for (const [label, organisme] of [["sans-lien", undefined], ["inconnu", "PAS-UN-ORGANISME"]] as const) {
      cookies.clear();
      const email = `${label}${run}@exemple.ca`;
      await verifiedFlow("signup", email, organisme);
      expect((await currentFlow("signup")).policy.minClasses).toBe(0);
      expect(await choose("signup", "motdepasse123")).toMatchObject({ ok: false, fieldErrors: { password: ["password.tooCommon"] } });
      expect(await choose("signup", oneKindOnly)).toEqual({ ok: true, data: undefined });
      const [account] = await db.select().from(parentAccounts).where(eq(parentAccounts.email, email));
      expect(account!.signupBoardId).toBeNull();
    }
  });
});

describe("reset", () => {
  it("applies the strictest rule among the boards of the parent's children", async () => {
    const parent = await createParent(`reinitialisation${run}@exemple.ca`);
    const student = await createStudent(guides.school);
    await db.insert(associations).values({ parentAccountId: parent.id, studentId: student.id, method: "match" });
    await verifiedFlow("reset", parent.email);
    expect((await currentFlow("reset")).policy.minClasses).toBe(3);
    expect(await choose("reset", oneKindOnly)).toMatchObject({ ok: false, fieldErrors: { password: ["password.tooFewClasses"] } });
    expect(await choose("reset", "Quatre-Ratons-Laveurs-2026")).toEqual({ ok: true, data: undefined });
  });

  it("a parent whose boards ask for no mix resets under the default rule", async () => {
    const parent = await createParent(`reinitialisation-libre${run}@exemple.ca`);
    await verifiedFlow("reset", parent.email);
    expect((await currentFlow("reset")).policy.minClasses).toBe(0);
    expect(await choose("reset", oneKindOnly)).toEqual({ ok: true, data: undefined });
  });
});
