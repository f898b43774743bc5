import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { authEvents, staffUsers } from "@/db/schema";
import {
  accountThrottlePolicy,
  recordAuthEvent,
  signInWithPassword,
  throttlePolicy,
  throttleState,
  type Subject,
} from "@/db/queries/auth";
import { hashPassword } from "@/lib/password-hash";
import { createParent, strongPassword } from "@/tests/helpers/accounts";

const attacker = "203.0.113.66";
const owner = "198.51.100.20";

const attempt = (subject: Subject, email: string, password: string, ip: string | null) =>
  signInWithPassword({ subject, email, password, ip, userAgent: "vitest" });

async function failuresFrom(subject: Subject, email: string, ips: string[], each: number) {
  for (const ip of ips) {
    for (let i = 0; i < each; i++) await recordAuthEvent(db, { subject, kind: "signin", email, success: false, ip, userAgent: "vitest" });
  }
}

describe("sign-in lockout per (email, address) first", () => {
  it("keeps out the address that guesses a secretary's password, not the secretary on her own network", async () => {
    const email = "secretaire.visee@ecole.ca";
    await db.insert(staffUsers).values({ email, name: "Secrétaire", role: "admin", passwordHash: await hashPassword(strongPassword) });
    for (let i = 0; i < throttlePolicy.freeFailures; i++) {
      expect(await attempt("staff", email, `Mauvais-${i}-xxxxxxxx`, attacker)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await attempt("staff", email, strongPassword, attacker)).toMatchObject({ ok: false, reason: "throttled" });
    expect((await attempt("staff", email, strongPassword, owner)).ok).toBe(true);
  });

  it("answers an unknown email exactly like an existing one", async () => {
    await createParent("existe.verrou@exemple.ca");
    for (const email of ["existe.verrou@exemple.ca", "inconnu.verrou@exemple.ca"]) {
      for (let i = 0; i < throttlePolicy.freeFailures; i++) {
        expect(await attempt("parent", email, "Faux-mot-de-passe-1", attacker)).toEqual({ ok: false, reason: "invalid" });
      }
      expect(await attempt("parent", email, "Faux-mot-de-passe-1", attacker)).toMatchObject({ ok: false, reason: "throttled" });
      expect(await attempt("parent", email, "Faux-mot-de-passe-1", owner)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("slows every address once the email's failures from all addresses reach the much higher count", async () => {
    const email = "distribue@exemple.ca";
    await createParent(email);
    const perAddress = throttlePolicy.freeFailures - 1;
    const addresses = Array.from({ length: Math.ceil(accountThrottlePolicy.freeFailures / perAddress) }, (_, i) => `192.0.2.${i + 1}`);
    expect(accountThrottlePolicy.freeFailures).toBeGreaterThanOrEqual(5 * throttlePolicy.freeFailures);
    await failuresFrom("parent", email, addresses, perAddress);
    const state = await throttleState("parent", email);
    expect(state.consecutiveFailures).toBe(addresses.length * perAddress);
    expect(state.addresses.every((a) => a.retryAfterSeconds === 0)).toBe(true);
    expect(state.accountRetryAfterSeconds).toBeGreaterThan(0);
    expect(await attempt("parent", email, strongPassword, owner)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("does not extend the wait with refusals made while throttled", async () => {
    const email = "patience@exemple.ca";
    await createParent(email);
    await failuresFrom("parent", email, [attacker], throttlePolicy.freeFailures + 2);
    const before = await throttleState("parent", email);
    const waitBefore = before.addresses[0]!.retryAfterSeconds;
    for (let i = 0; i < 5; i++) expect(await attempt("parent", email, "Faux-mot-de-passe-1", attacker)).toMatchObject({ reason: "throttled" });
    const after = await throttleState("parent", email);
    expect(after.consecutiveFailures).toBe(before.consecutiveFailures);
    expect(after.addresses[0]!.retryAfterSeconds).toBeLessThanOrEqual(waitBefore);
    const recorded = await db.$count(authEvents, and(eq(authEvents.email, email), eq(authEvents.ip, attacker)));
    expect(recorded).toBe(throttlePolicy.freeFailures + 2);
  });

  it("shows staff both counts: per address and from every address", async () => {
    const email = "deux.comptes@exemple.ca";
    await failuresFrom("parent", email, [attacker], throttlePolicy.freeFailures);
    await failuresFrom("parent", email, [owner], 1);
    const state = await throttleState("parent", email);
    expect(state.consecutiveFailures).toBe(throttlePolicy.freeFailures + 1);
    expect(state.addresses.map((a) => [a.ip, a.failures, a.retryAfterSeconds > 0])).toEqual([
      [attacker, throttlePolicy.freeFailures, true],
      [owner, 1, false],
    ]);
    expect(state.accountRetryAfterSeconds).toBe(0);
    expect(state.retryAfterSeconds).toBeGreaterThan(0);
  });
});
