import { beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { passkeyAuthenticationOptions, passkeysOf, removePasskey, renamePasskey, verifyPasskeyAssertion } from "@/db/queries/staff-passkeys";
import { auditLog, staffPasskeys, staffUsers, webauthnChallenges } from "@/db/schema";
import type { StaffContext } from "@/db/queries/staff";
import { createBoardWithSchool } from "@/tests/helpers/school-fixtures";
import { boardSupportOf, secretaryOf } from "@/tests/helpers/staff-fixtures";

let support: StaffContext;
let secretary: StaffContext;
let run = 0;

beforeEach(async () => {
  run += 1;
  const { school } = await createBoardWithSchool();
  support = await boardSupportOf({ id: school.boardId });
  secretary = await secretaryOf(school);
});

async function storedPasskey(staffUserId: string, name: string) {
  const [row] = await db
    .insert(staffPasskeys)
    .values({ staffUserId, credentialId: `cred-${run}-${name}`, publicKey: "AAAA", name })
    .returning();
  return row!;
}

describe("passkeys", () => {
  it("renames and removes only one's own passkeys, audited", async () => {
    const mine = await storedPasskey(secretary.staff.id, "Bureau");
    expect(await renamePasskey(support.staff.id, mine.id, "Volée")).toBe(false);
    expect(await removePasskey(support.staff.id, mine.id, true)).toEqual({ ok: false, reason: "notFound" });
    expect(await renamePasskey(secretary.staff.id, mine.id, "Ordinateur")).toBe(true);
    expect((await passkeysOf(secretary.staff.id)).map((p) => p.name)).toEqual(["Ordinateur"]);
    expect(await removePasskey(secretary.staff.id, mine.id, false)).toEqual({ ok: true });
    expect(await passkeysOf(secretary.staff.id)).toEqual([]);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, "staff.passkey_removed"), eq(auditLog.actorStaffId, secretary.staff.id)));
    expect(audit).toHaveLength(1);
  });

  it("refuses to remove the only factor of someone whose role requires one", async () => {
    const only = await storedPasskey(support.staff.id, "Seule");
    expect(await removePasskey(support.staff.id, only.id, true)).toEqual({ ok: false, reason: "lastFactor" });
    const second = await storedPasskey(support.staff.id, "Deuxième");
    expect(await removePasskey(support.staff.id, only.id, true)).toEqual({ ok: true });
    expect(await removePasskey(support.staff.id, second.id, true)).toEqual({ ok: false, reason: "lastFactor" });
    await db.update(staffUsers).set({ totpEnabledAt: new Date() }).where(eq(staffUsers.id, support.staff.id));
    expect(await removePasskey(support.staff.id, second.id, true)).toEqual({ ok: true });
  });

  it("refuses a name longer than 60 characters in the database", async () => {
    await expect(storedPasskey(secretary.staff.id, "x".repeat(61))).rejects.toThrow();
  });

  it("uses a sign-in challenge once, and refuses an assertion it cannot verify", async () => {
    const passkey = await storedPasskey(secretary.staff.id, "Bureau");
    const options = await passkeyAuthenticationOptions(null);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: "http://localhost:3000" })).toString("base64url");
    const forged = {
      id: passkey.credentialId,
      rawId: passkey.credentialId,
      type: "public-key" as const,
      clientExtensionResults: {},
      response: { clientDataJSON, authenticatorData: "AAAA", signature: "AAAA" },
    };
    expect(await verifyPasskeyAssertion(forged)).toEqual({ ok: false });
    const [challenge] = await db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challenge, options.challenge));
    expect(challenge!.consumedAt).not.toBeNull();
    // The same challenge again is refused before any signature check.
    expect(await verifyPasskeyAssertion(forged)).toEqual({ ok: false });
  });
});
