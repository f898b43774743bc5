"use server";
// Import actions: start a dry run (the file itself is streamed to ./upload) and apply a dry run.
import { revalidatePath } from "next/cache";
import { applyImport, startImportRun } from "@/db/queries/student-import";
import { requireStaff } from "@/lib/auth/session";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { requireFreshSecondFactor } from "@/lib/staff/second-factor";
import { importRunIdSchema, startImportSchema } from "@/lib/validations/import";

export async function startImportAction(input: unknown): Promise<ActionResult<{ runId: number }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    const parsed = parseInput(startImportSchema, input);
    if (!parsed.ok) return parsed.result;
    const started = await startImportRun({
      scope,
      staffId: staff.id,
      boardId: parsed.data.board === "all" ? null : parsed.data.board,
      fileName: parsed.data.fileName,
      totalBytes: parsed.data.totalBytes,
    });
    return started.ok ? success({ runId: started.runId }) : failure(started.error);
  });
}

export async function applyImportAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const context = await requireStaff();
    const { staff, scope } = context;
    // Applying rewrites a board's records and guardian emails: a fresh second factor first.
    const stepUp = requireFreshSecondFactor(context, "importApply");
    if (stepUp) return stepUp;
    const parsed = parseInput(importRunIdSchema, input);
    if (!parsed.ok) return parsed.result;
    const applied = await applyImport({ scope, staffId: staff.id, runId: parsed.data.runId });
    if (!applied.ok) return failure(applied.error);
    revalidatePath("/admin/import");
    return success(undefined);
  });
}
