import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { parentAccounts, verificationCodes } from "@/db/schema";
import { signInWithPassword, touchSession } from "@/db/queries/auth";
import { completePasswordReset, completeSignup } from "@/db/queries/parent-accounts";
import {
  codeLimits,
  flowStatus,
  requestCode,
  verifyCode,
  verifyLink,
  type FlowHandle,
} from "@/db/queries/verification-codes";
import { createParent, latestCodeSentTo, strongPassword, templatesSentTo } from "@/tests/helpers/accounts";
import { realPostgres } from "@/tests/helpers/pg-barrier";

const client = { ip: "203.0.113.7", userAgent: "vitest" };

async function startFlow(email: string, purpose: "signup" | "reset" = "signup", ip = client.ip): Promise<FlowHandle> {
  const result = await requestCode({ email, purpose, ip, locale: "fr" });
  if (!result.ok) throw new Error(`code refused: ${result.reason}`);
  return result.flow;
}

function wrongCode(code: string) {
  return code === "000000" ? "111111" : "000000";
}

describe("sign-up", () => {
  it("creates a verified account from an emailed code, and the account can sign in", async () => {
    const email = "marie_eve.cote+ecole@videotron.ca";
    const flow = await startFlow(email);
    const code = await latestCodeSentTo(email);
    expect(code).toMatch(/^\d{6}$/);
    expect(await verifyCode(flow, code!)).toEqual({ ok: true });
    expect(await completeSignup(flow, strongPassword, "fr")).toEqual({ ok: true });
    const [account] = await db.select().from(parentAccounts).where(eq(parentAccounts.email, email));
    expect(account?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(account?.passwordHash).toMatch(/^\$argon2id\$v=19\$(?=.*m=19456)(?=.*t=2)(?=.*p=1)/);
    const signIn = await signInWithPassword({ subject: "parent", email, password: strongPassword, ...client });
    expect(signIn.ok).toBe(true);
  });

  it("stores only hashes of the code", async () => {
    const email = "hash.check@exemple.ca";
    await startFlow(email);
    const code = await latestCodeSentTo(email);
    const [row] = await db.select().from(verificationCodes).where(eq(verificationCodes.email, email));
    expect(JSON.stringify(row)).not.toContain(code);
  });

  it("refuses an expired code", async () => {
    const email = "expire@exemple.ca";
    const flow = await startFlow(email);
    const code = (await latestCodeSentTo(email))!;
    await db.update(verificationCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(verificationCodes.id, flow.flowId));
    expect(await verifyCode(flow, code)).toEqual({ ok: false, reason: "expired" });
    expect(await completeSignup(flow, strongPassword, "fr")).toEqual({ ok: false, reason: "notVerified" });
    expect(await db.$count(parentAccounts, eq(parentAccounts.email, email))).toBe(0);
  });

  it(`refuses the right code after ${codeLimits.maxAttempts} wrong ones`, async () => {
    const email = "cinq.essais@exemple.ca";
    const flow = await startFlow(email);
    const code = (await latestCodeSentTo(email))!;
    for (let i = 1; i < codeLimits.maxAttempts; i++) {
      expect(await verifyCode(flow, wrongCode(code))).toEqual({ ok: false, reason: "wrongCode", attemptsLeft: codeLimits.maxAttempts - i });
    }
    expect(await verifyCode(flow, wrongCode(code))).toEqual({ ok: false, reason: "locked" });
    expect(await verifyCode(flow, code)).toEqual({ ok: false, reason: "locked" });
    expect((await flowStatus(flow))?.state).toBe("locked");
  });

  // PGlite runs these one after another: only PostgreSQL can race them (deterministic version: concurrency.test.ts).
  it.runIf(realPostgres)("counts wrong codes in the database, so concurrent guesses cannot exceed the limit", async () => {
    const email = "course@exemple.ca";
    const flow = await startFlow(email);
    const code = (await latestCodeSentTo(email))!;
    await Promise.all(Array.from({ length: 12 }, () => verifyCode(flow, wrongCode(code))));
    const [row] = await db.select().from(verificationCodes).where(eq(verificationCodes.id, flow.flowId));
    expect(row!.attempts).toBe(codeLimits.maxAttempts);
    expect(await verifyCode(flow, code)).toEqual({ ok: false, reason: "locked" });
  });

  it("resumes after a closed tab: the same flow handle still shows the code step", async () => {
    const email = "onglet@exemple.ca";
    const flow = await startFlow(email);
    const status = await flowStatus(flow);
    expect(status).toMatchObject({ email, state: "awaitingCode", attemptsLeft: codeLimits.maxAttempts });
    expect(await flowStatus({ flowId: flow.flowId, flowToken: "not-the-token" })).toBeNull();
  });

  it("verifies through the emailed link in another browser", async () => {
    const email = "lien@exemple.ca";
    await startFlow(email);
    const [mail] = await db.query.emailOutbox.findMany({ where: (m, { eq }) => eq(m.to, email) });
    const token = mail!.text!.match(/jeton=([\w-]+)/)![1]!;
    const opened = await verifyLink(token, "signup");
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect((await flowStatus(opened.flow))?.state).toBe("verified");
    expect(await completeSignup(opened.flow, strongPassword, "en")).toEqual({ ok: true });
    expect(await verifyLink(token, "signup")).toEqual({ ok: false, reason: "expired" });
  });

  it("a new code replaces the previous one", async () => {
    const email = "remplace@exemple.ca";
    const limits = { ...codeLimits, cooldownSeconds: 0 };
    const first = await requestCode({ email, purpose: "signup", ip: null, locale: "fr", limits });
    const firstCode = (await latestCodeSentTo(email))!;
    await requestCode({ email, purpose: "signup", ip: null, locale: "fr", limits });
    if (!first.ok) throw new Error("refused");
    expect(await verifyCode(first.flow, firstCode)).toEqual({ ok: false, reason: "expired" });
  });

  it("enforces the resend cooldown and the hourly limit per email", async () => {
    const email = "limite@exemple.ca";
    await startFlow(email);
    const again = await requestCode({ email, purpose: "signup", ip: client.ip, locale: "fr" });
    expect(again).toMatchObject({ ok: false, reason: "cooldown" });
    if (!again.ok) expect(again.retryAfterSeconds).toBeGreaterThan(55);
    const noCooldown = { ...codeLimits, cooldownSeconds: 0 };
    for (let i = 1; i < codeLimits.perHourPerEmail; i++) {
      expect((await requestCode({ email, purpose: "signup", ip: null, locale: "fr", limits: noCooldown })).ok).toBe(true);
    }
    expect(await requestCode({ email, purpose: "signup", ip: null, locale: "fr", limits: noCooldown })).toMatchObject({
      ok: false,
      reason: "tooManyCodes",
    });
  });

  it("keeps the cooldown per purpose: a reset right after sign-up is sent, not told a code was just sent", async () => {
    const { email } = await createParent("cooldown.purpose@exemple.ca");
    await startFlow(email, "signup");
    const reset = await requestCode({ email, purpose: "reset", ip: client.ip, locale: "fr" });
    expect(reset.ok).toBe(true);
    expect(await templatesSentTo(email)).toEqual(["account-exists", "verification-code"]);
    // A second reset inside the minute is the one that waits.
    expect(await requestCode({ email, purpose: "reset", ip: client.ip, locale: "fr" })).toMatchObject({ ok: false, reason: "cooldown" });
  });

  it("limits codes per IP address across many emails", async () => {
    const limits = { ...codeLimits, perHourPerIp: 3 };
    for (let i = 0; i < 3; i++) {
      expect((await requestCode({ email: `ip${i}@exemple.ca`, purpose: "signup", ip: "198.51.100.9", locale: "fr", limits })).ok).toBe(true);
    }
    expect(await requestCode({ email: "ip9@exemple.ca", purpose: "signup", ip: "198.51.100.9", locale: "fr", limits })).toMatchObject({
      ok: false,
      reason: "tooManyCodes",
    });
  });

  it("answers identically for an email that already has an account, and tells the owner instead", async () => {
    await createParent("deja@exemple.ca");
    const known = await requestCode({ email: "deja@exemple.ca", purpose: "signup", ip: null, locale: "fr" });
    const unknown = await requestCode({ email: "nouveau@exemple.ca", purpose: "signup", ip: null, locale: "fr" });
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(known.ok && unknown.ok).toBe(true);
    expect(await templatesSentTo("deja@exemple.ca")).toEqual(["account-exists"]);
    expect(await templatesSentTo("nouveau@exemple.ca")).toEqual(["verification-code"]);
  });
});

describe("password reset", () => {
  it("answers identically for unknown and known emails", async () => {
    await createParent("connu@exemple.ca");
    const known = await requestCode({ email: "connu@exemple.ca", purpose: "reset", ip: null, locale: "fr" });
    const unknown = await requestCode({ email: "inconnu@exemple.ca", purpose: "reset", ip: null, locale: "fr" });
    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(known.ok && unknown.ok).toBe(true);
    expect(await templatesSentTo("inconnu@exemple.ca")).toEqual([]);
  });

  it("sets the new password and ends every open session of the account", async () => {
    const email = "reset@exemple.ca";
    await createParent(email);
    const first = await signInWithPassword({ subject: "parent", email, password: strongPassword, ...client });
    const second = await signInWithPassword({ subject: "parent", email, password: strongPassword, ...client });
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(await touchSession(first.sessionId)).toBe(true);

    const flow = await startFlow(email, "reset");
    expect(await verifyCode(flow, (await latestCodeSentTo(email))!)).toEqual({ ok: true });
    const newPassword = "Nouvelle-Phrase-Secrete-42";
    expect(await completePasswordReset(flow, newPassword, "fr")).toEqual({ ok: true });

    expect(await touchSession(first.sessionId)).toBe(false);
    expect(await touchSession(second.sessionId)).toBe(false);
    expect((await signInWithPassword({ subject: "parent", email, password: strongPassword, ...client })).ok).toBe(false);
    expect((await signInWithPassword({ subject: "parent", email, password: newPassword, ...client })).ok).toBe(true);
    expect(await templatesSentTo(email)).toContain("password-changed");
    expect(await completePasswordReset(flow, newPassword, "fr")).toMatchObject({ ok: false });
  });
});
