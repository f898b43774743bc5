import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/admin/print-button";
import { registerEntries } from "@/db/queries/privacy-incidents";
import { requireStaff } from "@/lib/auth/session";
import { timeZone } from "@/lib/i18n/locale";
import { mayReadRegister } from "@/lib/privacy/incident-rules";
import { registerColumns, registerRow } from "@/lib/privacy/register-export";
import { registerLabels } from "@/lib/privacy/register-labels";
import { registerExportSchema } from "@/lib/validations/incidents";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("incidents"))("export.printTitle") };
}

/** The register as one printable document: each entry's items in the Règlement's order. */
export default async function PrintableRegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { staff, scope } = await requireStaff();
  const t = await getTranslations("incidents");
  if (!mayReadRegister(staff.role)) {
    return (
      <main id="main" className="container stack">
        <h1>{t("export.printTitle")}</h1>
        <div className="alert alert-warn" role="alert">
          {t("errors.forbidden")}
        </div>
      </main>
    );
  }
  const query = registerExportSchema.parse(await searchParams);
  const entries = await registerEntries({ staffId: staff.id, role: staff.role, scope }, { boardId: query.board ?? null, from: query.from ?? null, to: query.to ?? null });
  const labels = await registerLabels();
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const shown = registerColumns.filter((c) => c !== "id");
  return (
    <main id="main" className="container-wide stack printable-register">
      <p className="no-print row">
        <StaffLink href="/admin/incidents">{t("back")}</StaffLink>
        <PrintButton label={t("export.print")} />
      </p>
      <h1>{t("export.printTitle")}</h1>
      <p>
        {query.from || query.to ? t("export.printPeriod", { from: query.from ? day(query.from) : "…", to: query.to ? day(query.to) : "…" }) : t("export.printAnyPeriod")}
        {" · "}
        {t("export.printedOn", { date: format.dateTime(new Date(), { dateStyle: "long", timeStyle: "short", timeZone }) })}
      </p>
      {entries.length === 0 ? (
        <p>{t("export.none")}</p>
      ) : (
        entries.map((entry) => {
          const row = registerRow(entry, labels);
          return (
            <article key={entry.id} className="card register-entry" data-testid="register-entry">
              <h2>{t("entry", { id: entry.id })}</h2>
              <dl className="facts">
                {shown.map((column) => (
                  <div key={column} className="fact-row">
                    <dt>{labels.fieldLabel(column)}</dt>
                    <dd>{row[column] === null || row[column] === undefined || row[column] === "" ? "—" : String(row[column])}</dd>
                  </div>
                ))}
              </dl>
            </article>
          );
        })
      )}
    </main>
  );
}
