import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FilterInput, FilterSelect } from "@/components/admin/filter-fields";
import { TableCard } from "@/components/admin/table-card";
import { boardOptions } from "@/db/queries/figures";
import { listIncidents } from "@/db/queries/privacy-incidents";
import { requireStaff } from "@/lib/auth/session";
import { mayReadRegister } from "@/lib/privacy/incident-rules";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("incidents"))("title") };
}

export default async function IncidentsPage() {
  const { staff, scope } = await requireStaff();
  const t = await getTranslations("incidents");
  const format = await getFormatter();
  const readsRegister = mayReadRegister(staff.role);
  const [incidents, boards] = await Promise.all([
    listIncidents({ staffId: staff.id, role: staff.role, scope }),
    readsRegister && scope.kind === "all" ? boardOptions() : Promise.resolve([]),
  ]);
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }) : "—");
  const period = (from: string | null, to: string | null) => (from && to && from !== to ? `${day(from)} – ${day(to)}` : day(from ?? to));
  const risk = (value: boolean | null) => t(value === null ? "seriousRisk.unknown" : value ? "seriousRisk.yes" : "seriousRisk.no");

  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {!readsRegister && <p>{t("introDeclarer")}</p>}
      <p className="row">
        <StaffLink href="/admin/incidents/nouveau" className="button">
          {t("declare")}
        </StaffLink>
        {readsRegister && <StaffLink href="/admin/conservation">{t("retentionLink")}</StaffLink>}
      </p>

      {readsRegister && (
        <form method="get" action="/admin/incidents/export" className="card filters" aria-label={t("filters.label")}>
          {scope.kind === "all" && (
            <FilterSelect id="x-board" name="board" label={t("filters.board")} anyLabel={t("filters.allBoards")} options={boards.map((b) => ({ value: b.id, label: b.name }))} />
          )}
          <FilterInput id="x-from" name="from" label={t("filters.from")} type="date" />
          <FilterInput id="x-to" name="to" label={t("filters.to")} type="date" />
          <div className="row">
            <button type="submit">{t("filters.csv")}</button>
            <button type="submit" formAction="/admin/incidents/registre" className="secondary">
              {t("filters.print")}
            </button>
          </div>
        </form>
      )}

      <TableCard
        id="incidents"
        title={t("title")}
        empty={incidents.length === 0 ? t(readsRegister ? "none" : "noneDeclared") : null}
        columns={[
          { label: t("columns.id") },
          ...(scope.kind === "all" ? [{ label: t("columns.board") }] : []),
          { label: t("columns.status") },
          { label: t("columns.source") },
          { label: t("columns.discoveredOn") },
          { label: t("columns.period") },
          { label: t("columns.people") },
          { label: t("columns.seriousRisk") },
          { label: t("columns.commission") },
          { label: t("columns.peopleNotice") },
        ]}
      >
        {incidents.map((incident) => (
          <tr key={incident.id} data-testid="incident-row">
            <td>
              <StaffLink href={`/admin/incidents/${incident.id}`}>{t("entry", { id: incident.id })}</StaffLink>
            </td>
            {scope.kind === "all" && <td>{incident.boardName}</td>}
            <td>
              <span className={`badge ${incident.status === "open" ? "badge-warn" : "badge-ok"}`}>{t(`status.${incident.status as "open" | "closed"}`)}</span>
            </td>
            <td>{t(`source.${incident.source as "parent_report" | "staff_declaration"}`)}</td>
            <td>{day(incident.discoveredOn)}</td>
            <td>{period(incident.occurredFrom, incident.occurredTo)}</td>
            <td>{incident.peopleConcerned ?? "—"}</td>
            <td>{risk(incident.seriousInjuryRisk)}</td>
            <td>{day(incident.commissionNotifiedOn)}</td>
            <td>{day(incident.peopleNotifiedOn)}</td>
          </tr>
        ))}
      </TableCard>
    </main>
  );
}
