// Notice after a password change, so an owner who did not make it can react.
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { emailTranslator, formatEmailDateTime } from "@/lib/email/translator";

export type PasswordChangedParams = {
  /** Defaults to now: the email is rendered in the transaction that changes the password. */
  changedAt?: Date;
  /** Absolute URL of the password-reset page, offered as a button when given. */
  resetUrl?: string;
};

export function passwordChangedEmail(params: PasswordChangedParams, locale: Locale): RenderedEmail {
  const t = emailTranslator(locale);
  const changedAt = params.changedAt ?? new Date();
  return composeEmail(locale, t("passwordChanged.subject"), [
    { kind: "paragraph", text: t("passwordChanged.intro", { changedAt: formatEmailDateTime(changedAt, locale) }) },
    { kind: "paragraph", text: t("passwordChanged.ifYou") },
    { kind: "paragraph", text: t("passwordChanged.ifNotYou") },
    ...(params.resetUrl ? [{ kind: "link" as const, label: t("passwordChanged.resetLabel"), href: params.resetUrl }] : []),
  ]);
}
