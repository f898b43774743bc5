// Emails about a support ticket: the acknowledgement, a staff reply, and the notice that a ticket closed itself.
// Each names the ticket's reference; replies to them land on the ticket (see lib/support/reply-address.ts).
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locale";
import { timeZone } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";

function supportTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "supportEmail", timeZone });
}

export type SupportReceivedParams = { reference: string; link: string };
export type SupportReplyParams = { reference: string; body: string; link: string };
export type SupportClosedParams = { reference: string; days: number; link: string };

export function supportReceivedEmail(params: SupportReceivedParams, locale: Locale): RenderedEmail {
  const t = supportTranslator(locale);
  return composeEmail(
    locale,
    t("received.subject", { reference: params.reference }),
    [
      { kind: "paragraph", text: t("received.intro", { reference: params.reference }) },
      { kind: "paragraph", text: t("replyHint") },
      { kind: "link", label: t("linkLabel"), href: params.link },
    ],
    { footer: t("footer", { reference: params.reference }) },
  );
}

export function supportReplyEmail(params: SupportReplyParams, locale: Locale): RenderedEmail {
  const t = supportTranslator(locale);
  return composeEmail(
    locale,
    t("reply.subject", { reference: params.reference }),
    [
      { kind: "paragraph", text: t("reply.intro", { reference: params.reference }) },
      ...params.body
        .split(/\n{2,}/)
        .map((text) => text.trim())
        .filter(Boolean)
        .map((text) => ({ kind: "paragraph" as const, text })),
      { kind: "paragraph", text: t("replyHint") },
      { kind: "link", label: t("linkLabel"), href: params.link },
    ],
    { footer: t("footer", { reference: params.reference }) },
  );
}

export function supportClosedEmail(params: SupportClosedParams, locale: Locale): RenderedEmail {
  const t = supportTranslator(locale);
  return composeEmail(
    locale,
    t("closed.subject", { reference: params.reference }),
    [
      { kind: "paragraph", text: t("closed.intro", { reference: params.reference, days: params.days }) },
      { kind: "paragraph", text: t("closed.reopen") },
      { kind: "link", label: t("linkLabel"), href: params.link },
    ],
    { footer: t("footer", { reference: params.reference }) },
  );
}
