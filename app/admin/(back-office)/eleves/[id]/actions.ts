"use server";
// Staff actions on a student record (also used from "Why did it fail?"): each one re-reads the session and
// passes the staff member's scope to the query, which refuses students outside it.
import { revokeAssociation } from "@/db/queries/association-revocations";
import { changeGuardianEmail } from "@/db/queries/guardian-emails";
import { issueNip, revokeNip } from "@/db/queries/nips";
import { mayActOnRecords } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { requireFreshSecondFactor } from "@/lib/staff/second-factor";
import {
  guardianEmailChangeSchema,
  issueNipSchema,
  revokeAssociationSchema,
  revokeNipSchema,
} from "@/lib/validations/staff";
import { issuedNipAnswer, type IssuedNipAnswer } from "@/lib/staff/issued-nip";

export async function changeGuardianEmailAction(
  input: unknown,
): Promise<ActionResult<{ before: string | null; after: string | null; notified: string[] }>> {
  return unlessUnavailable(async () => {
    const context = await requireStaff();
    const { staff, scope } = context;
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    // Who receives a child's school file changes: a fresh second factor first.
    const stepUp = requireFreshSecondFactor(context, "guardianEmail");
    if (stepUp) return stepUp;
    const parsed = parseInput(guardianEmailChangeSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await changeGuardianEmail(scope, staff.id, parsed.data);
    if (!result.ok) return failure(result.reason);
    void deliverSoon();
    return success({ before: result.before, after: result.after, notified: result.notified });
  });
}

/** The NIP's code is in this result only: it is shown once and stored nowhere readable. */
export async function issueNipAction(
  input: unknown,
): Promise<ActionResult<IssuedNipAnswer>> {
  return unlessUnavailable(async () => {
    const context = await requireStaff();
    const { staff, scope } = context;
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(issueNipSchema, input);
    if (!parsed.ok) return parsed.result;
    // A NIP emailed to an address that is not on the record: a fresh second factor first.
    if (parsed.data.email?.source === "typed") {
      const stepUp = requireFreshSecondFactor(context, "nipTypedAddress");
      if (stepUp) return stepUp;
    }
    const result = await issueNip(scope, staff.id, parsed.data.studentId, { email: parsed.data.email });
    if (!result.ok) return failure(result.reason);
    if (result.nip.emailedTo) void deliverSoon();
    return success(issuedNipAnswer(result.nip));
  });
}

export async function revokeNipAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(revokeNipSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await revokeNip(scope, staff.id, parsed.data.nipId);
    return result.ok ? success(undefined) : failure(result.reason === "notActive" ? "nipNotActive" : "notFound");
  });
}

export async function revokeAssociationAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(revokeAssociationSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await revokeAssociation(scope, staff.id, parsed.data.associationId, parsed.data.reason);
    return result.ok ? success(undefined) : failure(result.reason);
  });
}
