"use server";
// A parent's reply on one of their tickets: the ticket goes back to staff (reopened if it was waiting or resolved).
import { replyAsParent } from "@/db/queries/support-tickets";
import { requireParent } from "@/lib/auth/session";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { parentReplySchema } from "@/lib/validations/support";

export async function replyAsParentAction(input: unknown): Promise<ActionResult<{ reopened: boolean }>> {
  return unlessUnavailable(async () => {
    const parent = await requireParent();
    const parsed = parseInput(parentReplySchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await replyAsParent(parent, parsed.data.ticketId, parsed.data.body);
    if (!result.ok) return failure(result.reason === "tooManyMessages" ? "tooManyTickets" : "notFound");
    return success({ reopened: result.reopened });
  });
}
