"use server";
// Sends a student's fiche number to one of the record's guardian emails (chosen by id): session, scope and the
// record are checked again here and in the query, whatever the page showed.
import { sendFicheToGuardian } from "@/db/queries/fiche-lookup";
import { mayActOnRecords } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { sendFicheSchema } from "@/lib/validations/fiche-lookup";

export async function sendFicheAction(input: unknown): Promise<ActionResult<{ sentTo: string }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(sendFicheSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await sendFicheToGuardian(scope, staff.id, parsed.data.studentId, parsed.data.guardianEmailId);
    if (!result.ok) {
      return failure(result.reason, result.retryAfterSeconds ? { retryAfterSeconds: result.retryAfterSeconds, params: { seconds: result.retryAfterSeconds } } : {});
    }
    void deliverSoon();
    return success({ sentTo: result.sentTo });
  });
}
