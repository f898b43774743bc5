import { describe, expect, it } from "vitest";
import { verifyLinkAction } from "@/app/(parent)/_code-flow/link-actions";

async function redirectTarget(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2] ?? "";
    throw error;
  }
  throw new Error("no redirect");
}

describe("verifyLinkAction", () => {
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "sends an inherited key (%s) as purpose back to sign-in instead of failing",
    async (purpose) => {
      expect(await redirectTarget(() => verifyLinkAction(purpose as "signup", "a".repeat(40)))).toBe("/connexion");
    },
  );

  it("answers a link of the wrong shape the same way", async () => {
    expect(await redirectTarget(() => verifyLinkAction(7 as unknown as "signup", "x"))).toBe("/connexion");
    expect(await redirectTarget(() => verifyLinkAction("signup", "x".repeat(101)))).toBe("/connexion");
  });
});
