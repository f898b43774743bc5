// Tells both the previous and the new address that staff changed a contact email on a student record.
// Names no student: the school is enough for a real contact to recognise the record (privacy minimisation).
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { maskEmail } from "@/lib/email/mask-email";
import { emailTranslator } from "@/lib/email/translator";

export type GuardianEmailChangedParams = {
  schoolName: string;
  oldEmail: string;
  newEmail: string;
  /** Which of the two addresses this copy goes to; the other address is only shown masked. */
  recipient: "previous" | "new";
  /** Absolute URL of the portal, offered to the new address. */
  portalUrl?: string;
};

export function guardianEmailChangedEmail(params: GuardianEmailChangedParams, locale: Locale): RenderedEmail {
  const t = emailTranslator(locale);
  const { schoolName } = params;
  const blocks =
    params.recipient === "previous"
      ? [
          {
            kind: "paragraph" as const,
            text: t("guardianEmailChanged.previous", {
              schoolName,
              oldEmail: params.oldEmail,
              maskedNewEmail: maskEmail(params.newEmail),
            }),
          },
        ]
      : [
          { kind: "paragraph" as const, text: t("guardianEmailChanged.new", { schoolName, newEmail: params.newEmail }) },
          ...(params.portalUrl
            ? [{ kind: "link" as const, label: t("guardianEmailChanged.portalLabel"), href: params.portalUrl }]
            : []),
        ];
  return composeEmail(locale, t("guardianEmailChanged.subject", { schoolName }), [
    ...blocks,
    { kind: "paragraph", text: t("guardianEmailChanged.unexpected", { schoolName }) },
  ]);
}
