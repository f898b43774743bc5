// Sent instead of a code when someone signs up with an address that already has an account (no enumeration on screen).
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { emailTranslator } from "@/lib/email/translator";

export type AccountExistsParams = {
  /** Absolute URL of the password-reset page. */
  resetUrl: string;
};

export function accountExistsEmail(params: AccountExistsParams, locale: Locale): RenderedEmail {
  const t = emailTranslator(locale);
  return composeEmail(locale, t("accountExists.subject"), [
    { kind: "paragraph", text: t("accountExists.intro") },
    { kind: "paragraph", text: t("accountExists.resetIntro") },
    { kind: "link", label: t("accountExists.resetLabel"), href: params.resetUrl },
    { kind: "paragraph", text: t("accountExists.ignore") },
  ]);
}
