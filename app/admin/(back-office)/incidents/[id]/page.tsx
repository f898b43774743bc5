import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { IncidentForm, type IncidentFormValues } from "@/components/admin/incident-form";
import { getIncident, type IncidentDetail } from "@/db/queries/privacy-incidents";
import { requireStaff } from "@/lib/auth/session";
import { timeZone } from "@/lib/i18n/locale";
import { deletableFrom, mayEditIncidents } from "@/lib/privacy/incident-rules";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: (await getTranslations("incidents"))("entry", { id: (await params).id }) };
}

function formValues(incident: IncidentDetail["incident"]): IncidentFormValues {
  return {
    incidentId: incident.id,
    status: incident.status === "closed" ? "closed" : "open",
    personalInformation: incident.personalInformation ?? "",
    personalInformationUndescribedReason: incident.personalInformationUndescribedReason ?? "",
    circumstances: incident.circumstances ?? "",
    occurredFrom: incident.occurredFrom ?? "",
    occurredTo: incident.occurredTo ?? "",
    discoveredOn: incident.discoveredOn,
    peopleConcerned: incident.peopleConcerned === null ? "" : incident.peopleConcerned,
    riskSensitivity: incident.riskSensitivity ?? "",
    riskMisuse: incident.riskMisuse ?? "",
    riskConsequences: incident.riskConsequences ?? "",
    riskLikelihood: incident.riskLikelihood ?? "",
    seriousInjuryRisk: incident.seriousInjuryRisk === null ? "" : incident.seriousInjuryRisk ? "yes" : "no",
    commissionNotifiedOn: incident.commissionNotifiedOn ?? "",
    peopleNotifiedOn: incident.peopleNotifiedOn ?? "",
    publicNoticeOn: incident.publicNoticeOn ?? "",
    publicNoticeReason: incident.publicNoticeReason ?? "",
    measures: incident.measures ?? "",
  };
}

export default async function IncidentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ declare?: string }> }) {
  const { staff, scope } = await requireStaff();
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  const detail = await getIncident({ staffId: staff.id, role: staff.role, scope }, id);
  if (!detail) notFound();
  const { declare } = await searchParams;
  const t = await getTranslations("incidents");
  const tAudit = await getTranslations("adminAudit");
  const format = await getFormatter();
  const { incident, students, timeline, linkedAuditRows } = detail;
  const facts = incident.facts;
  const when = (iso: string | Date) => format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short", timeZone });
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const actionLabel = (action: string) => (tAudit.has(`actions.${action}` as never) ? tAudit(`actions.${action}` as never) : action);
  const fieldLabel = (field: string) => (t.has(`fields.${field}` as never) ? t(`fields.${field}` as never) : field);

  return (
    <main id="main" className="container-wide stack">
      <p>
        <StaffLink href="/admin/incidents">{t("back")}</StaffLink>
      </p>
      <h1>{t("entry", { id: incident.id })}</h1>
      {declare === "1" && (
        <p className="alert alert-ok" role="status">
          {t("declareForm.done", { id: incident.id })}
        </p>
      )}
      <p>
        <span className={`badge ${incident.status === "open" ? "badge-warn" : "badge-ok"}`}>{t(`status.${incident.status as "open" | "closed"}`)}</span>{" "}
        {t(`source.${incident.source as "parent_report" | "staff_declaration"}`)} · {t("recordedOn", { date: when(incident.createdAt), board: incident.boardName })}
        {incident.declaredByName && <> · {t("declaredBy", { name: incident.declaredByName })}</>}
        {incident.closedAt && incident.closedByName && <> · {t("closedBy", { date: when(incident.closedAt), name: incident.closedByName })}</>}
      </p>
      <p className="muted small">{t("keptUntil", { date: day(deletableFrom(incident)) })}</p>

      <section className="card stack" aria-labelledby="facts-title" data-testid="incident-facts">
        <h2 id="facts-title">{t("facts.title")}</h2>
        {incident.source !== "parent_report" ? (
          <p>{t("facts.none")}</p>
        ) : (
          <dl className="facts">
            <dt>{t("facts.account")}</dt>
            <dd>{facts.accountEmail ?? "—"}</dd>
            {facts.student && (
              <>
                <dt>{t("facts.student")}</dt>
                <dd>{t("facts.studentValue", { fiche: facts.student.fiche, school: facts.student.schoolName })}</dd>
              </>
            )}
            {facts.associatedAt && (
              <>
                <dt>{t("facts.associatedAt")}</dt>
                <dd>
                  {when(facts.associatedAt)} · {t("facts.method")} {t(`facts.methods.${facts.associationMethod ?? "match"}`)}
                </dd>
              </>
            )}
            {facts.reportedAt && (
              <>
                <dt>{t("facts.reportedAt")}</dt>
                <dd>{when(facts.reportedAt)}</dd>
              </>
            )}
            <dt>{t("facts.emailOnRecord")}</dt>
            <dd>{facts.accountEmailOnRecord ? t("facts.yes") : t("facts.no")}</dd>
            <dt>{t("facts.nipIssuedBy")}</dt>
            <dd>
              {facts.nipIssuedBy
                ? t("facts.nipIssuedValue", { name: facts.nipIssuedBy.name, email: facts.nipIssuedBy.email, date: when(facts.nipIssuedBy.at) })
                : t("facts.none2")}
            </dd>
            <dt>{t("facts.lastEmailChange")}</dt>
            <dd>
              {facts.lastGuardianEmailChange
                ? t("facts.lastEmailChangeValue", {
                    name: facts.lastGuardianEmailChange.name ?? t("facts.importName"),
                    date: when(facts.lastGuardianEmailChange.at),
                  })
                : t("facts.none2")}
            </dd>
          </dl>
        )}
      </section>

      <section className="card stack" aria-labelledby="students-title">
        <h2 id="students-title">{t("students.title")}</h2>
        {students.length === 0 ? (
          <p>{t("students.none")}</p>
        ) : (
          <ul>
            {students.map((s) => (
              <li key={s.id}>
                {s.lastName}, {s.firstName} · {t("facts.studentValue", { fiche: s.fiche, school: s.schoolName })} ·{" "}
                <StaffLink href={`/admin/eleves/${s.id}`}>{t("students.open")}</StaffLink>
              </li>
            ))}
          </ul>
        )}
      </section>

      <IncidentForm values={formValues(incident)} editable={mayEditIncidents(staff.role)} />

      {linkedAuditRows.length > 0 && (
        <section className="card stack" aria-labelledby="linked-title">
          <h2 id="linked-title">{t("linkedAudit.title")}</h2>
          <ul>
            {linkedAuditRows.map((row) => (
              <li key={row.id}>
                {when(row.at)} · {actionLabel(row.action)}
                {row.actorName ? ` · ${row.actorName}` : ""} · #{row.id}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card stack" aria-labelledby="timeline-title" data-testid="incident-timeline">
        <h2 id="timeline-title">{t("timeline.title")}</h2>
        {timeline.length === 0 ? (
          <p>{t("timeline.none")}</p>
        ) : (
          <ol>
            {timeline.map((entry) => {
              const changes = (entry.details.changes ?? {}) as Record<string, unknown>;
              const fields = Object.keys(changes).map(fieldLabel);
              return (
                <li key={entry.id}>
                  {when(entry.at)} · {actionLabel(entry.action)}
                  {entry.actorName ? ` · ${entry.actorName}` : ""}
                  {fields.length > 0 && <span className="muted"> · {t("timeline.changed", { fields: fields.join(", ") })}</span>}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </main>
  );
}
