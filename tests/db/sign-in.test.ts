import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { authEvents, authSessions, parentAccounts } from "@/db/schema";
import { liftLockout, revokeSession, signInWithPassword, throttlePolicy, touchParentSession, touchSession } from "@/db/queries/auth";
import { createParent, strongPassword } from "@/tests/helpers/accounts";

const client = { ip: "192.0.2.10", userAgent: "vitest" };
const attempt = (email: string, password: string, ip = client.ip) =>
  signInWithPassword({ subject: "parent", email, password, ip, userAgent: client.userAgent });

describe("parent sign-in", () => {
  it("gives the same answer for a wrong password and an unknown email", async () => {
    await createParent("existe@exemple.ca");
    expect(await attempt("existe@exemple.ca", "Mauvais-Mot-De-Passe-1")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("existe-pas@exemple.ca", "Mauvais-Mot-De-Passe-1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("logs every attempt, failed or not", async () => {
    await createParent("journal@exemple.ca");
    await attempt("journal@exemple.ca", "faux");
    await attempt("journal@exemple.ca", strongPassword);
    const events = await db.select().from(authEvents).where(eq(authEvents.email, "journal@exemple.ca"));
    expect(events.map((e) => e.success).sort()).toEqual([false, true]);
    expect(events.every((e) => e.ip === client.ip)).toBe(true);
  });

  it("slows an email down after repeated failures, whether or not the account exists", async () => {
    await createParent("lent@exemple.ca");
    for (const email of ["lent@exemple.ca", "fantome@exemple.ca"]) {
      for (let i = 0; i < throttlePolicy.freeFailures; i++) {
        expect(await attempt(email, `faux-${i}`)).toEqual({ ok: false, reason: "invalid" });
      }
      const throttled = await attempt(email, strongPassword);
      expect(throttled).toMatchObject({ ok: false, reason: "throttled" });
      if (!throttled.ok && throttled.reason === "throttled") expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it("does not extend the wait for tries refused while throttled", async () => {
    await createParent("patient@exemple.ca");
    for (let i = 0; i < throttlePolicy.freeFailures; i++) await attempt("patient@exemple.ca", `faux-${i}`);
    const failures = (await db.select({ id: authEvents.id }).from(authEvents).where(eq(authEvents.email, "patient@exemple.ca"))).map((e) => e.id);
    // The parent keeps trying with the right password while throttled: each try is refused.
    for (let i = 0; i < 3; i++) expect(await attempt("patient@exemple.ca", strongPassword)).toMatchObject({ ok: false, reason: "throttled" });
    // Once the wait after the original failures is over (only they are moved back), the right password works.
    await db
      .update(authEvents)
      .set({ createdAt: new Date(Date.now() - (throttlePolicy.baseDelaySeconds + 1) * 1000) })
      .where(inArray(authEvents.id, failures));
    expect((await attempt("patient@exemple.ca", strongPassword)).ok).toBe(true);
  });

  it("lets the account in again once staff lift the lockout", async () => {
    await createParent("debloque@exemple.ca");
    for (let i = 0; i < throttlePolicy.freeFailures; i++) await attempt("debloque@exemple.ca", "faux");
    expect(await attempt("debloque@exemple.ca", strongPassword)).toMatchObject({ reason: "throttled" });
    await liftLockout(db, "parent", "debloque@exemple.ca");
    expect((await attempt("debloque@exemple.ca", strongPassword)).ok).toBe(true);
  });
});

describe("sessions", () => {
  async function openOne(email: string) {
    await createParent(email);
    const result = await attempt(email, strongPassword, "192.0.2.99");
    if (!result.ok) throw new Error("sign-in failed");
    return result.sessionId;
  }

  it("ends after the idle limit", async () => {
    const sessionId = await openOne("inactif@exemple.ca");
    expect(await touchSession(sessionId)).toBe(true);
    await db.update(authSessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(authSessions.id, sessionId));
    expect(await touchSession(sessionId)).toBe(false);
  });

  it("is kept alive by use, written at most once a minute", async () => {
    const sessionId = await openOne("actif@exemple.ca");
    const lastSeen = async () => (await db.select({ at: authSessions.lastSeenAt }).from(authSessions).where(eq(authSessions.id, sessionId)))[0]!.at;
    const recently = new Date(Date.now() - 20_000);
    await db.update(authSessions).set({ lastSeenAt: recently }).where(eq(authSessions.id, sessionId));
    expect(await touchSession(sessionId)).toBe(true);
    expect(await lastSeen()).toEqual(recently);
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000);
    await db.update(authSessions).set({ lastSeenAt: twentyMinutesAgo }).where(eq(authSessions.id, sessionId));
    expect(await touchSession(sessionId)).toBe(true);
    expect((await lastSeen()).getTime()).toBeGreaterThan(Date.now() - 5_000);
  });

  it("ends at the absolute limit even when active", async () => {
    const sessionId = await openOne("absolu@exemple.ca");
    await db.update(authSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authSessions.id, sessionId));
    expect(await touchSession(sessionId)).toBe(false);
  });

  it("ends when signed out", async () => {
    const sessionId = await openOne("sortie@exemple.ca");
    await revokeSession(sessionId);
    expect(await touchSession(sessionId)).toBe(false);
  });

  it("reads a parent's account with the session check, only for that account's open session", async () => {
    const sessionId = await openOne("lecture@exemple.ca");
    const [account] = await db.select().from(parentAccounts).where(eq(parentAccounts.email, "lecture@exemple.ca"));
    const other = await createParent("autre-compte@exemple.ca");
    expect(await touchParentSession(sessionId, account!.id)).toMatchObject({ id: account!.id, email: "lecture@exemple.ca" });
    expect(await touchParentSession(sessionId, other.id)).toBeNull();
    await db.update(authSessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(authSessions.id, sessionId));
    expect(await touchParentSession(sessionId, account!.id)).toBeNull();
  });
});
