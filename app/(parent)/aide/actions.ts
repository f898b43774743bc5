"use server";
import { createSupportTicket } from "@/db/queries/support-tickets";
import { currentParent } from "@/lib/auth/session";
import { requestClient } from "@/lib/request-client";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { supportRequestSchema } from "@/lib/validations/support";

export async function sendSupportRequestAction(input: unknown): Promise<ActionResult<{ reference: string }>> {
  return unlessUnavailable(async () => {
    const parsed = parseInput(supportRequestSchema, input);
    if (!parsed.ok) return parsed.result;
    const parent = await currentParent();
    const result = await createSupportTicket({
      ...parsed.data,
      // A signed-in parent's ticket is tied to the account (and its attempts), whatever address was typed.
      email: parent?.email ?? parsed.data.email,
      parentAccountId: parent?.id ?? null,
      ip: (await requestClient()).ip,
    });
    if (!result.ok) return failure(result.reason);
    return success({ reference: result.id.slice(0, 8).toUpperCase() });
  });
}
