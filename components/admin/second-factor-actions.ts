"use server";
// Second-factor actions shared by the sign-in steps (/admin/connexion/…) and the security page (/admin/securite).
import QRCode from "qrcode";
import {
  confirmTotpEnrolment,
  pendingTotpEnrolment,
  renewRecoveryCodes,
  startTotpEnrolment,
  verifySecondFactor,
} from "@/db/queries/staff-security";
import { enrolmentContext } from "@/lib/auth/second-factor-guard";
import { currentStaffSigningIn } from "@/lib/auth/session";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { pendingSignInStep, requireFreshSecondFactor } from "@/lib/staff/second-factor";
import { secondFactorCodeSchema } from "@/lib/validations/staff-admin";

export type TotpSetup = { secret: string; qrDataUrl: string };

async function toSetup(start: { secret: string; uri: string }): Promise<TotpSetup> {
  const svg = await QRCode.toString(start.uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret: start.secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** A new secret as a QR code (drawn on the server: no third party sees it) and as text for manual entry. */
export async function startTotpEnrolmentAction(): Promise<ActionResult<TotpSetup>> {
  return unlessUnavailable(async () => {
    const guarded = await enrolmentContext();
    if (!guarded.ok) return guarded.result;
    const start = (await pendingTotpEnrolment(guarded.context.staff.id)) ?? (await startTotpEnrolment(guarded.context.staff.id));
    return start ? success(await toSetup(start)) : failure("sessionEnded");
  });
}

export async function confirmTotpEnrolmentAction(input: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return unlessUnavailable(async () => {
    const guarded = await enrolmentContext();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(secondFactorCodeSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await confirmTotpEnrolment(guarded.context.staff.id, guarded.context.session!.id, parsed.data.code);
    return result.ok ? success({ recoveryCodes: result.recoveryCodes }) : failure(result.reason);
  });
}

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export async function verifySignInAction(input: unknown): Promise<ActionResult<{ recoveryCodesLeft: number | null }>> {
  return unlessUnavailable(async () => {
    const context = await currentStaffSigningIn();
    if (!context?.session) return failure("sessionEnded");
    const parsed = parseInput(secondFactorCodeSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await verifySecondFactor(context.staff.id, context.session.id, parsed.data.code);
    return result.ok ? success({ recoveryCodesLeft: result.recoveryCodesLeft ?? null }) : failure(result.reason);
  });
}

export async function renewRecoveryCodesAction(): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return unlessUnavailable(async () => {
    const context = await currentStaffSigningIn();
    if (!context?.session || pendingSignInStep(context) !== null) return failure("sessionEnded");
    const stepUp = requireFreshSecondFactor(context, "securityChange");
    if (stepUp) return stepUp;
    const codes = await renewRecoveryCodes(context.staff.id);
    return codes ? success({ recoveryCodes: codes }) : failure("noSecondFactor");
  });
}
