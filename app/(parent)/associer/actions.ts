"use server";
// Server actions of the association form: by matching the child's record, or by a NIP from the school.
import { associateByMatch, associateByNip, parentView } from "@/db/queries/associations";
import { requireParent } from "@/lib/auth/session";
import { requestClient } from "@/lib/request-client";
import { parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { associateByMatchSchema, associateByNipSchema } from "@/lib/validations/association";

/** After a success, the child now associated; after a failure, `error` is a key of the "association" namespace. */
export type AssociatedChildData = { firstName: string; schoolName: string };

function toActionResult(view: ReturnType<typeof parentView>): ActionResult<AssociatedChildData> {
  if (view.ok) return success({ firstName: view.firstName, schoolName: view.schoolName });
  return { ok: false, error: view.messageKey };
}

export async function associateByMatchAction(input: unknown): Promise<ActionResult<AssociatedChildData>> {
  return unlessUnavailable(async () => {
    const parsed = parseInput(associateByMatchSchema, input);
    if (!parsed.ok) return parsed.result;
    const parent = await requireParent();
    const outcome = await associateByMatch({
      parentAccountId: parent.id,
      accountEmail: parent.email,
      ...parsed.data,
      ...(await requestClient()),
    });
    return toActionResult(parentView(outcome));
  });
}

export async function associateByNipAction(input: unknown): Promise<ActionResult<AssociatedChildData>> {
  return unlessUnavailable(async () => {
    const parsed = parseInput(associateByNipSchema, input);
    if (!parsed.ok) return parsed.result;
    const parent = await requireParent();
    const outcome = await associateByNip({ parentAccountId: parent.id, nip: parsed.data.nip, ...(await requestClient()) });
    return toActionResult(parentView(outcome));
  });
}
