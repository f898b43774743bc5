// The 6-digit code for signing up or resetting a password, with a link that verifies just like the code.
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { emailTranslator } from "@/lib/email/translator";

export type VerificationCodeParams = {
  code: string;
  /** Absolute URL that verifies without typing the code. */
  link: string;
  /** How long the code stays valid, in minutes. */
  minutes: number;
  purpose: "signup" | "reset";
};

export function verificationCodeEmail(params: VerificationCodeParams, locale: Locale): RenderedEmail {
  const t = emailTranslator(locale);
  const purpose = { purpose: params.purpose };
  // The subject stays in the outbox after the bodies are cleared, so it never carries the code.
  return composeEmail(locale, t("verificationCode.subject", purpose), [
    { kind: "paragraph", text: t("verificationCode.intro", purpose) },
    { kind: "code", label: t("verificationCode.codeLabel"), value: params.code },
    { kind: "paragraph", text: t("verificationCode.validity", { minutes: params.minutes }) },
    { kind: "paragraph", text: t("verificationCode.linkIntro") },
    { kind: "link", label: t("verificationCode.linkLabel", purpose), href: params.link },
    { kind: "paragraph", text: t("verificationCode.ignore", purpose) },
  ]);
}
