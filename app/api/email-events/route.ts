// Resend delivery webhooks: POST only, signed with RESEND_WEBHOOK_SECRET (404 when unset).
import { handleDeliveryWebhook } from "@/lib/email/delivery-events";
import { env } from "@/lib/env";

export async function POST(request: Request) {
  return handleDeliveryWebhook(request, env.RESEND_WEBHOOK_SECRET);
}
