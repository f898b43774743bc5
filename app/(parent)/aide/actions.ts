"use server";
// The help form's action: the same schema as the form, then the attachments' bytes, then one transaction that
// stores, links and routes the ticket and queues its acknowledgement.
import { boardsForPicker } from "@/db/queries/associations";
import { createSupportTicket } from "@/db/queries/support-tickets";
import { currentParent } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { getLocale } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locale";
import { requestClient } from "@/lib/request-client";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import { checkAttachments } from "@/lib/support/attachments";
import { parseFailedAt } from "@/lib/support/topics";
import { supportRequestSchema } from "@/lib/validations/support";

const fields = ["email", "topic", "childName", "boardId", "schoolText", "fiche", "errorMessage", "message", "browser", "failedStep", "failedAt"] as const;

export async function sendSupportRequestAction(formData: FormData): Promise<ActionResult<{ reference: string }>> {
  return unlessUnavailable(async () => {
    const files = formData.getAll("attachments").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
    const input: Record<string, unknown> = { attachments: files.map((f) => ({ name: f.name, size: f.size })) };
    for (const name of fields) {
      const value = formData.get(name);
      if (typeof value === "string") input[name] = value;
    }
    const parsed = parseInput(supportRequestSchema, input);
    if (!parsed.ok) return parsed.result;
    const checked = await checkAttachments(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))));
    if (!checked.ok) return failure("invalidInput", { fieldErrors: { attachments: [checked.problem] } });

    const { boardId, failedAt, ...data } = parsed.data;
    if (boardId !== undefined && !(await boardsForPicker()).some((b) => b.id === boardId)) {
      return failure("invalidInput", { fieldErrors: { boardId: ["invalid"] } });
    }
    const parent = await currentParent();
    const { ip, userAgent } = await requestClient();
    const result = await createSupportTicket({
      ...data,
      // A signed-in parent's ticket is tied to the account (and its attempts), whatever address was typed.
      email: parent?.email ?? data.email,
      parentAccountId: parent?.id ?? null,
      boardId: boardId ?? null,
      failedAt: parseFailedAt(failedAt),
      // What the browser says of itself, from the request; the form's copy only when the header is missing.
      browser: userAgent ?? data.browser ?? null,
      ip,
      locale: toLocale(await getLocale()),
      attachments: checked.attachments,
    });
    if (!result.ok) return failure(result.reason);
    void deliverSoon();
    return success({ reference: result.reference });
  });
}
