// A child's fiche number sent to a guardian, worded "your child" so no name travels by email.
import type { Locale } from "@/lib/i18n/locale";
import { composeEmail, type RenderedEmail } from "@/lib/email/compose";
import { emailTranslator } from "@/lib/email/translator";

export type FicheNumberParams = {
  fiche: string;
  schoolName: string;
};

export function ficheNumberEmail(params: FicheNumberParams, locale: Locale): RenderedEmail {
  const t = emailTranslator(locale);
  const { schoolName } = params;
  return composeEmail(locale, t("ficheNumber.subject"), [
    { kind: "paragraph", text: t("ficheNumber.intro", { schoolName }) },
    { kind: "code", label: t("ficheNumber.codeLabel"), value: params.fiche },
    { kind: "paragraph", text: t("ficheNumber.use") },
    { kind: "paragraph", text: t("ficheNumber.ignore", { schoolName }) },
  ]);
}
