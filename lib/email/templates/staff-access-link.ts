// The link a staff member follows to choose their own password: an invitation, or a reset an administrator started.
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locale";
import { timeZone } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { formatEmailDateTime } from "@/lib/email/translator";

export type StaffAccessLinkParams = {
  kind: "invitation" | "password_reset";
  link: string;
  expiresAt: Date;
  /** Who invited (invitations only). */
  invitedBy?: string;
  role?: string;
};

export function staffAccessLinkEmail(params: StaffAccessLinkParams, locale: Locale): RenderedEmail {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "staffEmail", timeZone });
  const until = formatEmailDateTime(params.expiresAt, locale);
  if (params.kind === "invitation") {
    return composeEmail(locale, t("invitation.subject"), [
      { kind: "paragraph", text: t("invitation.intro", { invitedBy: params.invitedBy ?? "—", role: params.role ?? "" }) },
      { kind: "link", label: t("invitation.linkLabel"), href: params.link },
      { kind: "paragraph", text: t("invitation.validity", { until }) },
      { kind: "paragraph", text: t("invitation.ignore") },
    ]);
  }
  return composeEmail(locale, t("passwordReset.subject"), [
    { kind: "paragraph", text: t("passwordReset.intro") },
    { kind: "link", label: t("passwordReset.linkLabel"), href: params.link },
    { kind: "paragraph", text: t("passwordReset.validity", { until }) },
    { kind: "paragraph", text: t("passwordReset.ignore") },
  ]);
}
