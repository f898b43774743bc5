// Resend's delivery webhooks (email.delivered, email.bounced) turned into outbox states staff can read.
import { Resend } from "resend";
import { recordDeliveryEvent, type DeliveryEvent } from "@/db/queries/email-outbox";

/** Throws when the Svix signature does not match this raw body. */
export function verifiedEvent(payload: string, headers: Headers, secret: string) {
  // verify() only needs the signing secret, but the SDK will not build a client without some API key.
  const resend = new Resend("re_webhook_verification_only");
  return resend.webhooks.verify({
    payload,
    headers: {
      id: headers.get("svix-id") ?? "",
      timestamp: headers.get("svix-timestamp") ?? "",
      signature: headers.get("svix-signature") ?? "",
    },
    webhookSecret: secret,
  });
}

function toDeliveryEvent(event: ReturnType<typeof verifiedEvent>): DeliveryEvent | null {
  if (event.type === "email.delivered") {
    return { kind: "delivered", providerMessageId: event.data.email_id, at: new Date(event.created_at) };
  }
  if (event.type === "email.bounced") {
    // The bounce's own message can quote the address; its type is enough for staff.
    const { type, subType } = event.data.bounce;
    return {
      kind: "bounced",
      providerMessageId: event.data.email_id,
      at: new Date(event.created_at),
      reason: `bounced: ${type}${subType ? `/${subType}` : ""}`.slice(0, 200),
    };
  }
  return null;
}

/** The webhook endpoint's whole behaviour; 404 when no signing secret is configured. */
export async function handleDeliveryWebhook(request: Request, secret: string | undefined): Promise<Response> {
  if (!secret) return new Response(null, { status: 404 });
  const payload = await request.text();
  let event: ReturnType<typeof verifiedEvent>;
  try {
    event = verifiedEvent(payload, request.headers, secret);
  } catch {
    return new Response("invalid signature", { status: 400 });
  }
  const deliveryEvent = toDeliveryEvent(event);
  const applied = deliveryEvent ? await recordDeliveryEvent(deliveryEvent) : false;
  // 200 even for unknown or ignored events: Resend would otherwise keep retrying them.
  return Response.json({ received: true, applied });
}
