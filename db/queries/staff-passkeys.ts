// Passkeys (WebAuthn) of staff members: registration, naming, removal, and the proof of one at sign-in or step-up.
// Challenges are single use and live 5 minutes, kept in webauthn_challenges; user verification is required, so a
// passkey alone signs a staff member in (it is both factors, and phishing-resistant).
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { db, type Transaction } from "@/db/client";
import { recordAuthEvent } from "@/db/queries/auth";
import { markSecondFactor } from "@/db/queries/staff-security";
import { staffPasskeys, staffUsers, webauthnChallenges, type StaffPasskey } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { webauthnRelyingParty } from "@/lib/staff/webauthn";

const CHALLENGE_LIFETIME_MINUTES = 5;
export const MAX_PASSKEYS = 10;

export type PasskeySummary = Pick<StaffPasskey, "id" | "name" | "createdAt" | "lastUsedAt">;

export async function passkeysOf(staffUserId: string): Promise<PasskeySummary[]> {
  return db
    .select({ id: staffPasskeys.id, name: staffPasskeys.name, createdAt: staffPasskeys.createdAt, lastUsedAt: staffPasskeys.lastUsedAt })
    .from(staffPasskeys)
    .where(eq(staffPasskeys.staffUserId, staffUserId))
    .orderBy(asc(staffPasskeys.createdAt));
}

async function storeChallenge(staffUserId: string | null, purpose: "register" | "authenticate", challenge: string) {
  await db.insert(webauthnChallenges).values({
    staffUserId,
    purpose,
    challenge,
    expiresAt: sql`now() + make_interval(mins => ${CHALLENGE_LIFETIME_MINUTES}::int)`,
  });
}

/** The challenge the browser signed, read from its client data. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof data.challenge === "string" ? data.challenge : null;
  } catch {
    return null;
  }
}

/** Marks the challenge used (once) if it is live, of this purpose and, when given, of this staff member. */
async function consumeChallenge(tx: Transaction, challenge: string | null, purpose: "register" | "authenticate", staffUserId: string | null) {
  if (!challenge) return false;
  const used = await tx
    .update(webauthnChallenges)
    .set({ consumedAt: sql`now()` })
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        isNull(webauthnChallenges.consumedAt),
        gt(webauthnChallenges.expiresAt, sql`now()`),
        staffUserId ? eq(webauthnChallenges.staffUserId, staffUserId) : isNull(webauthnChallenges.staffUserId),
      ),
    )
    .returning({ id: webauthnChallenges.id });
  return used.length === 1;
}

export async function passkeyRegistrationOptions(staff: { id: string; email: string; name: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = webauthnRelyingParty();
  const existing = await db
    .select({ id: staffPasskeys.credentialId, transports: staffPasskeys.transports })
    .from(staffPasskeys)
    .where(eq(staffPasskeys.staffUserId, staff.id));
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: staff.email,
    userDisplayName: staff.name,
    userID: new TextEncoder().encode(staff.id),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await storeChallenge(staff.id, "register", options.challenge);
  return options;
}

export type PasskeyFailure = "passkeyFailed" | "tooManyPasskeys" | "notFound" | "lastFactor";

/** Verifies a registration against its challenge and stores the passkey under the given name; audited. */
export async function registerPasskey(
  staffUserId: string,
  sessionId: string | null,
  response: RegistrationResponseJSON,
  name: string,
): Promise<{ ok: true; id: string } | { ok: false; reason: PasskeyFailure }> {
  const rp = webauthnRelyingParty();
  return db.transaction(async (tx) => {
    const [staff] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffUserId)).for("update");
    if (!staff || staff.disabledAt) return { ok: false as const, reason: "notFound" as const };
    const challenge = challengeOf(response.response?.clientDataJSON ?? "");
    if (!(await consumeChallenge(tx, challenge, "register", staff.id))) return { ok: false as const, reason: "passkeyFailed" as const };
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(staffPasskeys).where(eq(staffPasskeys.staffUserId, staff.id));
    if (n >= MAX_PASSKEYS) return { ok: false as const, reason: "tooManyPasskeys" as const };
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge!,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    }).catch(() => null);
    if (!verified?.verified) return { ok: false as const, reason: "passkeyFailed" as const };
    const { credential } = verified.registrationInfo;
    const [row] = await tx
      .insert(staffPasskeys)
      .values({
        staffUserId: staff.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name,
      })
      .onConflictDoNothing({ target: staffPasskeys.credentialId })
      .returning({ id: staffPasskeys.id });
    if (!row) return { ok: false as const, reason: "passkeyFailed" as const };
    // Registering needs user verification on the device: it proves a factor in this session.
    if (sessionId) await markSecondFactor(tx, sessionId, staff.id, "passkey");
    await recordAudit(tx, { actor: staff.id, action: "staff.passkey_added", boardId: staff.boardId, details: { staffId: staff.id, passkeyId: row.id, name } });
    return { ok: true as const, id: row.id };
  });
}

export async function renamePasskey(staffUserId: string, passkeyId: string, name: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(passkeyId)) return false;
  const renamed = await db
    .update(staffPasskeys)
    .set({ name })
    .where(and(eq(staffPasskeys.id, passkeyId), eq(staffPasskeys.staffUserId, staffUserId)))
    .returning({ id: staffPasskeys.id });
  return renamed.length === 1;
}

/** Removes one of the staff member's passkeys; refused when it is the last factor of someone who must have one. */
export async function removePasskey(
  staffUserId: string,
  passkeyId: string,
  mfaRequired: boolean,
): Promise<{ ok: true } | { ok: false; reason: PasskeyFailure }> {
  if (!/^[0-9a-f-]{36}$/i.test(passkeyId)) return { ok: false, reason: "notFound" };
  return db.transaction(async (tx) => {
    const [staff] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffUserId)).for("update");
    if (!staff) return { ok: false as const, reason: "notFound" as const };
    const [own] = await tx
      .select({ id: staffPasskeys.id })
      .from(staffPasskeys)
      .where(and(eq(staffPasskeys.id, passkeyId), eq(staffPasskeys.staffUserId, staff.id)));
    if (!own) return { ok: false as const, reason: "notFound" as const };
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(staffPasskeys).where(eq(staffPasskeys.staffUserId, staff.id));
    if (mfaRequired && !staff.totpEnabledAt && n <= 1) return { ok: false as const, reason: "lastFactor" as const };
    const [removed] = await tx
      .delete(staffPasskeys)
      .where(and(eq(staffPasskeys.id, passkeyId), eq(staffPasskeys.staffUserId, staff.id)))
      .returning({ id: staffPasskeys.id, name: staffPasskeys.name });
    if (!removed) return { ok: false as const, reason: "notFound" as const };
    await recordAudit(tx, {
      actor: staff.id,
      action: "staff.passkey_removed",
      boardId: staff.boardId,
      details: { staffId: staff.id, passkeyId: removed.id, name: removed.name },
    });
    return { ok: true as const };
  });
}

/**
 * Options to sign in with a passkey (no user named: the browser offers the passkeys it holds), or, with a staff
 * member, to prove one of their passkeys for a step-up.
 */
export async function passkeyAuthenticationOptions(staffUserId: string | null = null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rp = webauthnRelyingParty();
  const allow = staffUserId
    ? await db
        .select({ id: staffPasskeys.credentialId, transports: staffPasskeys.transports })
        .from(staffPasskeys)
        .where(eq(staffPasskeys.staffUserId, staffUserId))
    : [];
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: "required",
    allowCredentials: allow.map((c) => ({ id: c.id, transports: c.transports })),
  });
  await storeChallenge(staffUserId, "authenticate", options.challenge);
  return options;
}

export type PasskeyAssertion = { ok: true; staffUserId: string; email: string } | { ok: false };

/**
 * Checks a passkey assertion: live challenge (of this staff member for a step-up, of nobody for a sign-in), a
 * registered credential of an active staff member, a valid signature with user verification. Updates the counter.
 */
export async function verifyPasskeyAssertion(
  response: AuthenticationResponseJSON,
  options: { staffUserId?: string | null; ip?: string | null; userAgent?: string | null } = {},
): Promise<PasskeyAssertion> {
  const rp = webauthnRelyingParty();
  return db.transaction(async (tx) => {
    const challenge = challengeOf(response?.response?.clientDataJSON ?? "");
    const consumed = await consumeChallenge(tx, challenge, "authenticate", options.staffUserId ?? null);
    const [passkey] =
      consumed && typeof response.id === "string"
        ? await tx
            .select({ passkey: staffPasskeys, email: staffUsers.email, disabledAt: staffUsers.disabledAt })
            .from(staffPasskeys)
            .innerJoin(staffUsers, eq(staffUsers.id, staffPasskeys.staffUserId))
            .where(eq(staffPasskeys.credentialId, response.id))
            .for("update", { of: staffPasskeys })
        : [];
    const owned = passkey && !passkey.disabledAt && (!options.staffUserId || passkey.passkey.staffUserId === options.staffUserId);
    const verified = owned
      ? await verifyAuthenticationResponse({
          response,
          expectedChallenge: challenge!,
          expectedOrigin: rp.origin,
          expectedRPID: rp.id,
          requireUserVerification: true,
          credential: {
            id: passkey.passkey.credentialId,
            publicKey: new Uint8Array(Buffer.from(passkey.passkey.publicKey, "base64url")),
            counter: passkey.passkey.counter,
            transports: passkey.passkey.transports as never,
          },
        }).catch(() => null)
      : null;
    const email = passkey?.email ?? "";
    await recordAuthEvent(tx, {
      subject: "staff",
      kind: options.staffUserId ? "second-factor-passkey" : "signin-passkey",
      email,
      success: Boolean(verified?.verified),
      ip: options.ip ?? null,
      userAgent: options.userAgent ?? null,
    });
    if (!verified?.verified || !passkey) return { ok: false as const };
    await tx
      .update(staffPasskeys)
      .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: sql`now()` })
      .where(eq(staffPasskeys.id, passkey.passkey.id));
    return { ok: true as const, staffUserId: passkey.passkey.staffUserId, email };
  });
}
