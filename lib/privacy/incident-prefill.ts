// The first draft of a parent-reported entry, written from the recorded facts in French (the register's
// language in Quebec); the officer completes and corrects it.
import { createTranslator } from "next-intl";
import type { IncidentFacts } from "@/db/schema";
import { formatEmailDateTime } from "@/lib/email/translator";
import { timeZone } from "@/lib/i18n/locale";
import { messagesFor } from "@/lib/i18n/messages";

export function incidentPrefill(facts: IncidentFacts): { personalInformation: string; circumstances: string } {
  const t = createTranslator({ locale: "fr", messages: messagesFor("fr"), namespace: "incidents.prefill", timeZone });
  const when = (iso: string | undefined) => (iso ? formatEmailDateTime(new Date(iso), "fr") : "?");
  return {
    personalInformation: t("personalInformation"),
    circumstances: t("circumstances", {
      reportedAt: when(facts.reportedAt),
      accountEmail: facts.accountEmail ?? "?",
      fiche: facts.student?.fiche ?? "?",
      school: facts.student?.schoolName ?? "?",
      associatedAt: when(facts.associatedAt),
      method: facts.associationMethod ?? "match",
    }),
  };
}
