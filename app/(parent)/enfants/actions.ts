"use server";
// "Ce n'est pas mon enfant": the association ends in this request and the board's privacy officer is told.
import { reportNotMyChild } from "@/db/queries/privacy-incidents";
import { currentParent } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { notMyChildSchema } from "@/lib/validations/incidents";

export async function reportNotMyChildAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const parent = await currentParent();
    if (!parent) return failure("forbidden");
    const parsed = parseInput(notMyChildSchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await reportNotMyChild(parent.id, parsed.data.studentId);
    if (!result.ok) return failure("notFound");
    void deliverSoon();
    return success(undefined);
  });
}
