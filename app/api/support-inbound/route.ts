// Resend's email.received webhook for the support address: POST only, signed (404 when no secret is set), at most 1 MB.
import { handleInboundWebhook } from "@/lib/email/inbound";
import { env } from "@/lib/env";

export async function POST(request: Request) {
  return handleInboundWebhook(request, {
    secret: env.RESEND_INBOUND_WEBHOOK_SECRET ?? env.RESEND_WEBHOOK_SECRET,
    apiKey: env.RESEND_API_KEY,
    baseUrl: env.RESEND_BASE_URL,
  });
}
