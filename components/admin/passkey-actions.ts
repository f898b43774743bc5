"use server";
// Passkey actions: register, rename and remove one's own passkeys (/admin/securite), prove one for a step-up or
// the second step of a sign-in, and the options of a passkey sign-in (the sign-in itself goes through next-auth).
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { db } from "@/db/client";
import {
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
  renamePasskey,
  verifyPasskeyAssertion,
} from "@/db/queries/staff-passkeys";
import { markSecondFactor } from "@/db/queries/staff-security";
import { enrolmentContext } from "@/lib/auth/second-factor-guard";
import { currentStaffSigningIn, requireStaff } from "@/lib/auth/session";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { requireFreshSecondFactor } from "@/lib/staff/second-factor";
import { passkeyNameSchema } from "@/lib/validations/staff-admin";
import { z } from "zod";

const idSchema = z.object({ id: z.uuid({ error: "invalid" }) });

export async function passkeyRegistrationOptionsAction(): Promise<ActionResult<PublicKeyCredentialCreationOptionsJSON>> {
  return unlessUnavailable(async () => {
    const guarded = await enrolmentContext();
    if (!guarded.ok) return guarded.result;
    return success(await passkeyRegistrationOptions(guarded.context.staff));
  });
}

export async function registerPasskeyAction(input: { response: unknown; name: unknown }): Promise<ActionResult<{ id: string }>> {
  return unlessUnavailable(async () => {
    const guarded = await enrolmentContext();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(passkeyNameSchema, { name: input?.name });
    if (!parsed.ok) return parsed.result;
    if (!input.response || typeof input.response !== "object") return failure("passkeyFailed");
    const result = await registerPasskey(guarded.context.staff.id, guarded.context.session!.id, input.response as RegistrationResponseJSON, parsed.data.name);
    return result.ok ? success({ id: result.id }) : failure(result.reason);
  });
}

export async function renamePasskeyAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const { staff } = await requireStaff();
    const parsed = parseInput(idSchema.extend(passkeyNameSchema.shape), input);
    if (!parsed.ok) return parsed.result;
    return (await renamePasskey(staff.id, parsed.data.id, parsed.data.name)) ? success(undefined) : failure("notFound");
  });
}

export async function removePasskeyAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const context = await requireStaff();
    const stepUp = requireFreshSecondFactor(context, "securityChange");
    if (stepUp) return stepUp;
    const parsed = parseInput(idSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await removePasskey(context.staff.id, parsed.data.id, context.mfa.required);
    return result.ok ? success(undefined) : failure(result.reason);
  });
}

/** Options to prove one of the signed-in staff member's passkeys (step-up, or the second step of a sign-in). */
export async function passkeyProofOptionsAction(): Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>> {
  return unlessUnavailable(async () => {
    const context = await currentStaffSigningIn();
    if (!context?.session) return failure("sessionEnded");
    if (context.mfa.passkeys === 0) return failure("noPasskey");
    return success(await passkeyAuthenticationOptions(context.staff.id));
  });
}

export async function verifyPasskeyProofAction(response: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const context = await currentStaffSigningIn();
    if (!context?.session) return failure("sessionEnded");
    if (!response || typeof response !== "object") return failure("passkeyFailed");
    const result = await verifyPasskeyAssertion(response as AuthenticationResponseJSON, { staffUserId: context.staff.id });
    if (!result.ok) return failure("passkeyFailed");
    await markSecondFactor(db, context.session.id, context.staff.id, "passkey");
    return success(undefined);
  });
}

/** Options of a passkey sign-in: no user named, the browser offers the passkeys it holds for this site. */
export async function passkeySignInOptionsAction(): Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>> {
  return unlessUnavailable(async () => {
    return success(await passkeyAuthenticationOptions(null));
  });
}
