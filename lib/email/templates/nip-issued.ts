// A NIP a secretary chose to email to an address she confirmed; no student name, only the school.
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { emailTranslator, formatEmailDateTime } from "@/lib/email/translator";

export type NipIssuedParams = {
  nip: string;
  expiresAt: Date;
  schoolName: string;
  /** Absolute URL of the "add a child" page. */
  link: string;
};

export function nipIssuedEmail(params: NipIssuedParams, locale: Locale): RenderedEmail {
  const t = emailTranslator(locale);
  const { schoolName } = params;
  // The subject outlives the bodies in the outbox, so the NIP stays out of it.
  return composeEmail(locale, t("nipIssued.subject"), [
    { kind: "paragraph", text: t("nipIssued.intro", { schoolName }) },
    { kind: "code", label: t("nipIssued.codeLabel"), value: params.nip },
    { kind: "paragraph", text: t("nipIssued.validity", { expiresAt: formatEmailDateTime(params.expiresAt, locale) }) },
    { kind: "paragraph", text: t("nipIssued.howTo") },
    { kind: "link", label: t("nipIssued.linkLabel"), href: params.link },
    { kind: "paragraph", text: t("nipIssued.ignore", { schoolName }) },
  ]);
}
