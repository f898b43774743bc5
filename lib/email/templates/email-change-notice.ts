// Notices to the address an account is leaving: when the change is asked for, and when it is done.
// The other address is only shown masked.
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { maskEmail } from "@/lib/email/mask-email";
import { privacyEmailTranslator } from "@/lib/email/templates/privacy-translator";
import { formatEmailDateTime } from "@/lib/email/translator";

export type EmailChangeNoticeParams = { stage: "requested" | "changed"; oldEmail: string; newEmail: string; at?: Date };

export function emailChangeNoticeEmail(params: EmailChangeNoticeParams, locale: Locale): RenderedEmail {
  const t = privacyEmailTranslator(locale);
  const at = formatEmailDateTime(params.at ?? new Date(), locale);
  const masked = { maskedOldEmail: maskEmail(params.oldEmail), maskedNewEmail: maskEmail(params.newEmail), at };
  if (params.stage === "requested") {
    return composeEmail(locale, t("emailChangeRequested.subject"), [
      { kind: "paragraph", text: t("emailChangeRequested.intro", masked) },
      { kind: "paragraph", text: t("emailChangeRequested.ifNotYou") },
    ]);
  }
  return composeEmail(locale, t("emailChanged.subject"), [
    { kind: "paragraph", text: t("emailChanged.intro", masked) },
    { kind: "paragraph", text: t("emailChanged.ifNotYou") },
  ]);
}
