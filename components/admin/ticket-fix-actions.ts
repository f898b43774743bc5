"use server";
// The existing staff fixes, taken from a support ticket: the same query (scope, audit, notices) runs, then the
// ticket gets a system note naming what was done. The session and scope are read again here.
import { changeGuardianEmail } from "@/db/queries/guardian-emails";
import { sendFicheToGuardian } from "@/db/queries/fiche-lookup";
import { issueNip } from "@/db/queries/nips";
import { liftParentLockout } from "@/db/queries/parent-accounts-admin";
import { recordTicketFix } from "@/db/queries/support-desk";
import { mayActOnRecords } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { requireFreshSecondFactor } from "@/lib/staff/second-factor";
import { accountActionSchema } from "@/lib/validations/parent-accounts-admin";
import { sendFicheSchema } from "@/lib/validations/fiche-lookup";
import { guardianEmailChangeSchema, issueNipSchema } from "@/lib/validations/staff";
import { z } from "zod";
import { issuedNipAnswer, type IssuedNipAnswer } from "@/lib/staff/issued-nip";

const ticketIdSchema = z.uuid();

async function context(ticketId: unknown) {
  const staffContext = await requireStaff();
  const parsed = ticketIdSchema.safeParse(ticketId);
  return parsed.success ? { ...staffContext, ticketId: parsed.data } : null;
}

/** The fixes change records: refused to a role that only reads (the privacy officer), as on the student page. */
function forbidden(ctx: { staff: { role: Parameters<typeof mayActOnRecords>[0] } }) {
  return !mayActOnRecords(ctx.staff.role);
}

export async function changeGuardianEmailFromTicketAction(
  ticketId: string,
  input: unknown,
): Promise<ActionResult<{ before: string | null; after: string | null; notified: string[] }>> {
  return unlessUnavailable(async () => {
    const ctx = await context(ticketId);
    if (!ctx) return failure("notFound");
    if (forbidden(ctx)) return failure("forbidden");
    // As on the student page: who receives a child's school file changes, so a fresh second factor first.
    const stepUp = requireFreshSecondFactor(ctx, "guardianEmail");
    if (stepUp) return stepUp;
    const parsed = parseInput(guardianEmailChangeSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await changeGuardianEmail(ctx.scope, ctx.staff.id, parsed.data);
    if (!result.ok) return failure(result.reason);
    await recordTicketFix(ctx.scope, ctx.staff.id, ctx.ticketId, "guardianEmailChanged", {
      studentId: parsed.data.studentId,
      before: result.before ?? "—",
      after: result.after ?? "—",
    });
    void deliverSoon();
    return success({ before: result.before, after: result.after, notified: result.notified });
  });
}

export async function issueNipFromTicketAction(
  ticketId: string,
  input: unknown,
): Promise<ActionResult<IssuedNipAnswer>> {
  return unlessUnavailable(async () => {
    const ctx = await context(ticketId);
    if (!ctx) return failure("notFound");
    if (forbidden(ctx)) return failure("forbidden");
    const parsed = parseInput(issueNipSchema, input);
    if (!parsed.ok) return parsed.result;
    if (parsed.data.email?.source === "typed") {
      const stepUp = requireFreshSecondFactor(ctx, "nipTypedAddress");
      if (stepUp) return stepUp;
    }
    const result = await issueNip(ctx.scope, ctx.staff.id, parsed.data.studentId, { email: parsed.data.email });
    if (!result.ok) return failure(result.reason);
    // The note never holds the code: only that a NIP was issued, and where it was emailed.
    await recordTicketFix(ctx.scope, ctx.staff.id, ctx.ticketId, "nipIssued", {
      studentId: parsed.data.studentId,
      emailedTo: result.nip.emailedTo ?? "—",
    });
    if (result.nip.emailedTo) void deliverSoon();
    return success(issuedNipAnswer(result.nip));
  });
}

export async function sendFicheFromTicketAction(ticketId: string, input: unknown): Promise<ActionResult<{ sentTo: string }>> {
  return unlessUnavailable(async () => {
    const ctx = await context(ticketId);
    if (!ctx) return failure("notFound");
    if (forbidden(ctx)) return failure("forbidden");
    const parsed = parseInput(sendFicheSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await sendFicheToGuardian(ctx.scope, ctx.staff.id, parsed.data.studentId, parsed.data.guardianEmailId);
    if (!result.ok) {
      return failure(result.reason, result.retryAfterSeconds ? { retryAfterSeconds: result.retryAfterSeconds, params: { seconds: result.retryAfterSeconds } } : {});
    }
    await recordTicketFix(ctx.scope, ctx.staff.id, ctx.ticketId, "ficheSent", { studentId: parsed.data.studentId, to: result.sentTo });
    void deliverSoon();
    return success({ sentTo: result.sentTo });
  });
}

export async function liftLockoutFromTicketAction(ticketId: string, input: unknown): Promise<ActionResult<{ failuresCleared: number }>> {
  return unlessUnavailable(async () => {
    const ctx = await context(ticketId);
    if (!ctx) return failure("notFound");
    if (forbidden(ctx)) return failure("forbidden");
    const parsed = parseInput(accountActionSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await liftParentLockout(ctx.scope, ctx.staff.id, parsed.data.accountId);
    if (!result.ok) return failure(result.reason);
    await recordTicketFix(ctx.scope, ctx.staff.id, ctx.ticketId, "lockoutLifted", { failuresCleared: result.value.failuresCleared });
    return success(result.value);
  });
}
