// Resend delivery webhooks: POST only, signed with RESEND_WEBHOOK_SECRET (404 when unset), at most 1 MB.
import { handleDeliveryWebhook } from "@/lib/email/delivery-events";
import { env } from "@/lib/env";
import { bodyLimits, withBodyLimit } from "@/lib/http/body-limit";

const limited = withBodyLimit(bodyLimits.webhook, (request: Request) => handleDeliveryWebhook(request, env.RESEND_WEBHOOK_SECRET));

export async function POST(request: Request) {
  return limited(request, undefined);
}
