// Confirms to a parent that their account was deleted, what was kept and why, and that the address is free again.
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { privacyEmailTranslator } from "@/lib/email/templates/privacy-translator";
import { formatEmailDateTime } from "@/lib/email/translator";

export type AccountDeletedParams = { at?: Date };

export function accountDeletedEmail(params: AccountDeletedParams, locale: Locale): RenderedEmail {
  const t = privacyEmailTranslator(locale);
  return composeEmail(locale, t("accountDeleted.subject"), [
    { kind: "paragraph", text: t("accountDeleted.intro", { at: formatEmailDateTime(params.at ?? new Date(), locale) }) },
    { kind: "paragraph", text: t("accountDeleted.kept") },
    { kind: "paragraph", text: t("accountDeleted.again") },
  ]);
}
