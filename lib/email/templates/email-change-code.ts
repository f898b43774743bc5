// The code that proves a parent owns the address they want to sign in with from now on.
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { privacyEmailTranslator } from "@/lib/email/templates/privacy-translator";

export type EmailChangeCodeParams = { code: string; minutes: number };

export function emailChangeCodeEmail(params: EmailChangeCodeParams, locale: Locale): RenderedEmail {
  const t = privacyEmailTranslator(locale);
  // The subject stays in the outbox after the bodies are cleared, so it never carries the code.
  return composeEmail(locale, t("emailChangeCode.subject"), [
    { kind: "paragraph", text: t("emailChangeCode.intro") },
    { kind: "code", label: t("emailChangeCode.codeLabel"), value: params.code },
    { kind: "paragraph", text: t("emailChangeCode.validity", { minutes: params.minutes }) },
    { kind: "paragraph", text: t("emailChangeCode.ignore") },
  ]);
}
