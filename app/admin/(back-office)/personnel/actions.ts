"use server";
// Staff administration actions: each re-reads the session, asks for a fresh second factor (step-up), validates
// with the form's schema and calls the query, which applies the escalation rules and writes the audit row.
import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import {
  changeStaffAssignment,
  deactivateStaff,
  inviteStaff,
  liftStaffLockout,
  reactivateStaff,
  resendInvitation,
  setBoardPasswordRule,
  setSecretaryMfaRequired,
  startStaffPasswordReset,
  type StaffAdminResult,
} from "@/db/queries/staff-admin";
import type { StaffContext } from "@/db/queries/staff";
import { requireStaff } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { toLocale } from "@/lib/i18n/locale";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { canAdministerStaff } from "@/lib/staff/admin-rules";
import { requireFreshSecondFactor } from "@/lib/staff/second-factor";
import {
  boardMfaSchema,
  boardPasswordRuleSchema,
  changeAssignmentSchema,
  deactivateStaffSchema,
  inviteStaffSchema,
  staffIdSchema,
} from "@/lib/validations/staff-admin";

type Guarded = { ok: true; context: StaffContext } | { ok: false; result: ActionResult<never> };

/** Signed-in staff administrator with a second factor proven within the last 15 minutes. */
async function guard(): Promise<Guarded> {
  const context = await requireStaff();
  if (!canAdministerStaff(context.staff)) return { ok: false, result: failure("notFound") };
  const stepUp = requireFreshSecondFactor(context, "personnel");
  return stepUp ? { ok: false, result: stepUp } : { ok: true, context };
}

function toResult<T, U>(result: StaffAdminResult<T>, map: (value: T) => U): ActionResult<U> {
  if (!result.ok) return failure(result.reason);
  revalidatePath("/admin/personnel", "layout");
  return success(map(result.value));
}

async function roleLabel(role: string) {
  const t = await getTranslations("admin.nav.roles");
  return t.has(role as never) ? t(role as never) : role;
}

export async function inviteStaffAction(input: unknown): Promise<ActionResult<{ staffId: string; expiresAt: string }>> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(inviteStaffSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await inviteStaff(guarded.context.staff, {
      ...parsed.data,
      locale: toLocale(await getLocale()),
      roleLabel: await roleLabel(parsed.data.role),
    });
    if (result.ok) void deliverSoon();
    return toResult(result, (v) => ({ staffId: v.staffId, expiresAt: v.expiresAt.toISOString() }));
  });
}

export async function resendInvitationAction(input: unknown): Promise<ActionResult<{ expiresAt: string }>> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(staffIdSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await resendInvitation(guarded.context.staff, parsed.data.staffId, { locale: toLocale(await getLocale()) });
    if (result.ok) void deliverSoon();
    return toResult(result, (v) => ({ expiresAt: v.expiresAt.toISOString() }));
  });
}

export async function changeAssignmentAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(changeAssignmentSchema, input);
    if (!parsed.ok) return parsed.result;
    const { staffId, ...assignment } = parsed.data;
    return toResult(await changeStaffAssignment(guarded.context.staff, staffId, assignment), () => undefined);
  });
}

export async function deactivateStaffAction(input: unknown): Promise<ActionResult<{ sessionsEnded: number }>> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(deactivateStaffSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await deactivateStaff(guarded.context.staff, parsed.data.staffId, parsed.data.reason), (v) => v);
  });
}

export async function reactivateStaffAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(staffIdSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await reactivateStaff(guarded.context.staff, parsed.data.staffId), () => undefined);
  });
}

export async function startStaffPasswordResetAction(input: unknown): Promise<ActionResult<{ expiresAt: string }>> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(staffIdSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await startStaffPasswordReset(guarded.context.staff, parsed.data.staffId, { locale: toLocale(await getLocale()) });
    if (result.ok) void deliverSoon();
    return toResult(result, (v) => ({ expiresAt: v.expiresAt.toISOString() }));
  });
}

export async function liftStaffLockoutAction(input: unknown): Promise<ActionResult<{ failuresCleared: number }>> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(staffIdSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await liftStaffLockout(guarded.context.staff, parsed.data.staffId), (v) => v);
  });
}

export async function setSecretaryMfaAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(boardMfaSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await setSecretaryMfaRequired(guarded.context.staff, parsed.data.boardId, parsed.data.required), () => undefined);
  });
}

export async function setBoardPasswordRuleAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const guarded = await guard();
    if (!guarded.ok) return guarded.result;
    const parsed = parseInput(boardPasswordRuleSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await setBoardPasswordRule(guarded.context.staff, parsed.data.boardId, parsed.data.minClasses), () => undefined);
  });
}
