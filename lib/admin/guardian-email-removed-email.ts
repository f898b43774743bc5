// Notice to an address staff removed from a student record. Not in lib/email/templates' registry (whose
// guardian-email-changed template has no "removed" wording), so it is rendered here and queued as-is.
import { createTranslator } from "next-intl";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { timeZone, type Locale } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";

export const GUARDIAN_EMAIL_REMOVED_TEMPLATE = "guardian-email-removed";

/** Names no student, like guardian-email-changed: the school is enough for a real contact. */
export function guardianEmailRemovedEmail(params: { schoolName: string; oldEmail: string }, locale: Locale): RenderedEmail {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.emails.guardianEmailRemoved", timeZone });
  const { schoolName, oldEmail } = params;
  return composeEmail(locale, t("subject", { schoolName }), [
    { kind: "paragraph", text: t("body", { schoolName, oldEmail }) },
    { kind: "paragraph", text: t("unexpected", { schoolName }) },
  ]);
}
