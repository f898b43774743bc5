// Queues an email: rendered now in the recipient's language, sent after the caller's transaction commits.
import type { Executor } from "@/db/client";
import { insertOutboxEmail } from "@/db/queries/email-outbox";
import { renderEmail, type EmailTemplateName, type EmailTemplateParams } from "@/lib/email/templates";
import type { Locale } from "@/lib/i18n/locale";

export type EmailRequest<T extends EmailTemplateName> = {
  to: string;
  template: T;
  locale: Locale;
  params: EmailTemplateParams[T];
  /** When what the email carries (a code, a NIP) dies: makes it time-critical (see retry-policy.ts). */
  expiresAt?: Date;
  /** Where replies go (a support ticket's address) and extra headers such as Message-ID. */
  replyTo?: string;
  headers?: Record<string, string>;
};

/**
 * Renders and stores a pending email, returning its outbox id. Pass the transaction that creates what the
 * email announces (a code, a NIP) so both commit together; call `deliverSoon()` once it has committed.
 */
export async function enqueueEmail<T extends EmailTemplateName>(executor: Executor, request: EmailRequest<T>): Promise<string> {
  const { subject, text, html } = renderEmail(request.template, request.params, request.locale);
  return insertOutboxEmail(executor, {
    to: request.to,
    template: request.template,
    subject,
    text,
    html,
    expiresAt: request.expiresAt ?? null,
    replyTo: request.replyTo ?? null,
    headers: request.headers ?? null,
  });
}
