import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FilterInput, FilterSelect } from "@/components/admin/filter-fields";
import { FilterForm, FilterReset, FilterSubmit } from "@/components/admin/filter-form";
import { ResultsStatus } from "@/components/admin/results-status";
import { AuditTable } from "@/app/admin/(back-office)/journal/_components/audit-table";
import { auditFilterOptions, searchAuditLog } from "@/db/queries/audit-log";
import { requireStaff } from "@/lib/auth/session";
import { auditFilterSchema, type AuditFilters } from "@/lib/validations/audit-log";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminAudit"))("title") };
}

/** The URL of this page with the same filters and another cursor. */
function hrefFor(filters: AuditFilters, cursor: { before?: number; after?: number }): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "student", "studentId", "account", "from", "to"] as const) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  if (cursor.before) params.set("before", String(cursor.before));
  if (cursor.after) params.set("after", String(cursor.after));
  const query = params.toString();
  return query ? `/admin/journal?${query}` : "/admin/journal";
}

export default async function JournalPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { scope } = await requireStaff();
  const t = await getTranslations("adminAudit");
  const filters = auditFilterSchema.parse(await searchParams);
  const [page, options] = await Promise.all([searchAuditLog(scope, filters), auditFilterOptions(scope)]);
  const actionLabel = (action: string) => (t.has(`actions.${action}`) ? t(`actions.${action}`) : action);
  const format = await getFormatter();
  const filtered = ["actor", "action", "student", "studentId", "account", "from", "to"].some(
    (key) => filters[key as keyof AuditFilters] !== undefined,
  );

  /** How many actions are shown, and the days they span (the rows come newest first). */
  const summary = (rows: typeof page.rows) => {
    if (rows.length === 0) return t("summaryNone");
    const day = (date: Date) => format.dateTime(date, { dateStyle: "long" });
    const [to, from] = [day(rows[0]!.createdAt), day(rows[rows.length - 1]!.createdAt)];
    return from === to ? t("summaryOneDay", { count: rows.length, day: to }) : t("summary", { count: rows.length, from, to });
  };

  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p className="muted">{scope.kind === "all" ? t("introAll") : t("introScoped")}</p>

      <FilterForm action="/admin/journal" className="card filters" aria-label={t("filtersLabel")}>
        <FilterSelect
          id="j-actor"
          name="actor"
          label={t("filterActor")}
          anyLabel={t("anyActor")}
          options={options.actors.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))}
          defaultValue={filters.actor}
        />
        <FilterSelect
          id="j-action"
          name="action"
          label={t("filterAction")}
          anyLabel={t("anyAction")}
          options={options.actions.map((action) => ({ value: action, label: actionLabel(action) }))}
          defaultValue={filters.action}
        />
        <FilterInput id="j-student" name="student" label={t("filterStudent")} defaultValue={filters.student} maxLength={200} />
        {filters.studentId && <input type="hidden" name="studentId" value={filters.studentId} />}
        <FilterInput id="j-account" name="account" label={t("filterAccount")} defaultValue={filters.account} maxLength={254} />
        <FilterInput id="j-from" name="from" label={t("filterFrom")} type="date" defaultValue={filters.from} />
        <FilterInput id="j-to" name="to" label={t("filterTo")} type="date" defaultValue={filters.to} />
        <div className="row filter-actions">
          <FilterSubmit>{t("apply")}</FilterSubmit>
          {filtered && (
            <FilterReset href="/admin/journal" className="button secondary">
              {t("clear")}
            </FilterReset>
          )}
        </div>
      </FilterForm>

      {filters.studentId && (
        <p className="alert alert-info">
          {t("oneStudent")} <StaffLink href={hrefFor({ ...filters, studentId: undefined }, {})}>{t("allStudents")}</StaffLink>
        </p>
      )}

      {/* Announced when a filter or a pager link changes it. */}
      <ResultsStatus shown={hrefFor(filters, { before: filters.before, after: filters.after })} className="muted">
        {summary(page.rows)}
      </ResultsStatus>
      <AuditTable rows={page.rows} />

      {(page.newerThan !== null || page.olderThan !== null) && (
        <nav aria-label={t("pagination")} className="row pager">
          {page.newerThan !== null && (
            <StaffLink href={hrefFor(filters, { after: page.newerThan })} rel="prev">
              {t("newer")}
            </StaffLink>
          )}
          {page.olderThan !== null && (
            <StaffLink href={hrefFor(filters, { before: page.olderThan })} rel="next">
              {t("older")}
            </StaffLink>
          )}
        </nav>
      )}
    </main>
  );
}
