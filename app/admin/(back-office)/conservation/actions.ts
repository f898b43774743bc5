"use server";
// A board's retention periods: its privacy officer (or a platform admin) sets them after a fresh second factor;
// the query checks the role and the board again and writes the change with its audit row.
import { revalidatePath } from "next/cache";
import { setBoardRetention } from "@/db/queries/retention";
import { requireStaff } from "@/lib/auth/session";
import { mayReadRegister } from "@/lib/privacy/incident-rules";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { requireFreshSecondFactor } from "@/lib/staff/second-factor";
import { boardRetentionSchema } from "@/lib/validations/retention";

export async function setBoardRetentionAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  return unlessUnavailable(async () => {
    const context = await requireStaff();
    const { staff, scope } = context;
    if (!mayReadRegister(staff.role)) return failure("notFound");
    // How long a board keeps parents' data: a fresh second factor first.
    const stepUp = requireFreshSecondFactor(context, "retention");
    if (stepUp) return stepUp;
    const parsed = parseInput(boardRetentionSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await setBoardRetention(scope, staff, parsed.data);
    if (!result.ok) return failure(result.reason);
    if (result.changed) revalidatePath("/admin/conservation");
    return success({ changed: result.changed });
  });
}
