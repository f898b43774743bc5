// Tells a board's privacy officer that an incident entered the register. Names no student and no parent:
// the details are behind the back-office sign-in.
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { privacyEmailTranslator } from "@/lib/email/templates/privacy-translator";

export type IncidentReportedParams = {
  incidentId: number;
  board: string;
  source: "parent_report" | "staff_declaration";
  link: string;
};

export function incidentReportedEmail(params: IncidentReportedParams, locale: Locale): RenderedEmail {
  const t = privacyEmailTranslator(locale);
  return composeEmail(locale, t("incidentReported.subject", { incidentId: params.incidentId, board: params.board }), [
    { kind: "paragraph", text: t("incidentReported.intro", { source: params.source }) },
    { kind: "paragraph", text: t("incidentReported.todo") },
    { kind: "link", label: t("incidentReported.linkLabel", { incidentId: params.incidentId }), href: params.link },
  ]);
}
