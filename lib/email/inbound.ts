// Emails parents send to the support address: Resend's email.received webhook (signed like the delivery
// webhooks) names the message; its body and attachments come from Resend's receiving API. A reply lands on its
// ticket, a new message opens one; the same webhook delivered twice stores nothing twice.
import { Resend } from "resend";
import { inboundAlreadyStored, receiveSupportEmail, type InboundResult } from "@/db/queries/support-tickets";
import { verifiedEvent } from "@/lib/email/delivery-events";
import { deliverSoon } from "@/lib/email/deliver";
import { bodyLimits, payloadTooLarge, readBodyWithin } from "@/lib/http/body-limit";
import { checkAttachments, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type CheckedAttachment } from "@/lib/support/attachments";
import { inboundText, senderAddress } from "@/lib/support/email-body";
import { referencedMessageIds } from "@/lib/support/reply-address";

export type InboundConfig = { secret: string | undefined; apiKey: string | undefined; baseUrl?: string; timeoutMs?: number };

/** Valid attachments of the message (at most 3, each checked from its bytes); the others are left out. */
async function fetchAttachments(resend: Resend, emailId: string, signal: AbortSignal): Promise<{ kept: CheckedAttachment[]; refused: number }> {
  const { data, error } = await resend.emails.receiving.attachments.list({ emailId }, { signal });
  if (error || !data) throw new Error(`attachments: ${error?.message ?? "no data"}`);
  const kept: CheckedAttachment[] = [];
  let refused = 0;
  for (const attachment of data.data) {
    if (kept.length >= MAX_ATTACHMENTS || attachment.size > MAX_ATTACHMENT_BYTES) {
      refused += 1;
      continue;
    }
    const response = await fetch(attachment.download_url, { signal });
    if (!response.ok) throw new Error(`attachment download: ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const checked = await checkAttachments([{ name: attachment.filename ?? "", bytes }]);
    if (checked.ok) kept.push(...checked.attachments);
    else refused += 1;
  }
  return { kept, refused };
}

export async function handleInboundWebhook(request: Request, config: InboundConfig): Promise<Response> {
  if (!config.secret) return new Response(null, { status: 404 });
  const body = await readBodyWithin(request, bodyLimits.webhook);
  if (body === null) return payloadTooLarge(bodyLimits.webhook);
  const payload = new TextDecoder().decode(body);
  let event: ReturnType<typeof verifiedEvent>;
  try {
    event = verifiedEvent(payload, request.headers, config.secret);
  } catch {
    return new Response("invalid signature", { status: 401 });
  }
  if (event.type !== "email.received") return Response.json({ received: true, applied: false });
  const emailId = event.data.email_id;
  if (await inboundAlreadyStored(emailId)) return Response.json({ received: true, applied: false, duplicate: true });
  // Without a key the message cannot be read: an error makes Resend deliver the webhook again later.
  if (!config.apiKey) return new Response("receiving API not configured", { status: 503 });

  const resend = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  const signal = AbortSignal.timeout(config.timeoutMs ?? 20_000);
  const { data: email, error } = await resend.emails.receiving.get(emailId, undefined, { signal });
  if (error || !email) return new Response("could not read the message", { status: 502 });
  const attachments = email.attachments.length > 0 ? await fetchAttachments(resend, emailId, signal) : { kept: [], refused: 0 };

  const result: InboundResult = await receiveSupportEmail({
    emailId,
    messageId: email.message_id ? email.message_id.slice(0, 300) : null,
    from: senderAddress(email.from),
    to: [...email.to, ...(email.received_for ?? [])],
    subject: (email.subject ?? "").slice(0, 300),
    text: inboundText({ text: email.text, html: email.html }),
    inReplyTo: referencedMessageIds(email.headers),
    attachments: attachments.kept,
    refusedAttachments: attachments.refused,
  });
  if (result.kind === "created" || result.kind === "appended") void deliverSoon();
  return Response.json({ received: true, applied: result.kind === "created" || result.kind === "appended", result: result.kind });
}
