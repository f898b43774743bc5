// The register's labels in the reader's language, shared by the CSV export and the printable page.
import { getFormatter, getTranslations } from "next-intl/server";
import { timeZone } from "@/lib/i18n/locale";
import type { RegisterLabels } from "@/lib/privacy/register-export";

export async function registerLabels(): Promise<RegisterLabels & { header: (column: string) => string; fieldLabel: (column: string) => string }> {
  const t = await getTranslations("incidents");
  const format = await getFormatter();
  return {
    status: (status) => (t.has(`status.${status}` as never) ? t(`status.${status}` as never) : status),
    source: (source) => (t.has(`source.${source}` as never) ? t(`source.${source}` as never) : source),
    seriousRisk: (value) => t(value === null ? "seriousRisk.unknown" : value ? "seriousRisk.yes" : "seriousRisk.no"),
    dateTime: (date) => format.dateTime(date, { dateStyle: "short", timeStyle: "short", timeZone }),
    header: (column) => t(`csv.${column}` as never),
    fieldLabel: (column) =>
      t.has(`fields.${column}` as never) ? t(`fields.${column}` as never) : t.has(`columns.${column}` as never) ? t(`columns.${column}` as never) : t(`csv.${column}` as never),
  };
}
