import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/admin/filter-fields";
import { FilterForm, FilterReset, FilterSubmit } from "@/components/admin/filter-form";
import { ResultsStatus } from "@/components/admin/results-status";
import { TicketsTable } from "@/app/admin/(back-office)/demandes/_components/tickets-table";
import { schoolsInScope } from "@/db/queries/scope-schools";
import { searchTicketsForStaff } from "@/db/queries/support-desk";
import { ticketStatuses, ticketTopics } from "@/db/schema";
import { requireStaff } from "@/lib/auth/session";
import { ticketAges, ticketFilterSchema, ticketQueryString } from "@/lib/validations/support-desk";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("supportDesk"))("title") };
}

export default async function TicketQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { staff, scope } = await requireStaff();
  const t = await getTranslations("supportDesk");
  const filters = ticketFilterSchema.parse(await searchParams);
  const tt = await getTranslations("admin.table");
  const [queue, schools] = await Promise.all([searchTicketsForStaff(scope, staff.id, filters), schoolsInScope(scope)]);
  // From the rows shown, as the attempts page: a page typed into the URL past the last one still says which rows these are.
  const first = queue.rows.length === 0 ? 0 : (queue.page - 1) * queue.pageSize + 1;
  const last = first === 0 ? 0 : first + queue.rows.length - 1;
  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <p>
        <StaffLink href="/admin/demandes/reponses">{t("savedLink")}</StaffLink>
      </p>
      <nav aria-label={t("countsLabel")} className="row">
        {([...ticketStatuses, "active", "all"] as const).map((status) => {
          const n =
            status === "all"
              ? ticketStatuses.reduce((sum, s) => sum + queue.counts[s], 0)
              : status === "active"
                ? queue.counts.new + queue.counts.open + queue.counts.waiting
                : queue.counts[status];
          const query = ticketQueryString({ ...filters, status, page: 1 });
          return (
            <StaffLink key={status} href={`/admin/demandes${query ? `?${query}` : ""}`} aria-current={filters.status === status ? "page" : undefined} data-testid={`count-${status}`}>
              {t(`status.${status}`)} ({n})
            </StaffLink>
          );
        })}
      </nav>
      <FilterForm action="/admin/demandes" className="card filters" aria-label={t("filtersLabel")}>
        <FilterSelect
          id="d-status"
          name="status"
          label={t("filterStatus")}
          options={([...ticketStatuses, "active", "all"] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          defaultValue={filters.status}
        />
        <FilterSelect
          id="d-topic"
          name="topic"
          label={t("filterTopic")}
          anyLabel={t("anyTopic")}
          options={ticketTopics.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
          defaultValue={filters.topic}
        />
        {schools.length > 1 && (
          <FilterSelect
            id="d-school"
            name="school"
            label={t("filterSchool")}
            anyLabel={t("anySchool")}
            options={schools.map((s) => ({ value: s.id, label: scope.kind === "all" ? `${s.boardName} — ${s.name}` : s.name }))}
            defaultValue={filters.school}
          />
        )}
        <FilterSelect
          id="d-assigned"
          name="assigned"
          label={t("filterAssigned")}
          anyLabel={t("anyAssigned")}
          options={[
            { value: "me", label: t("assignedMe") },
            { value: "none", label: t("assignedNone") },
          ]}
          defaultValue={filters.assigned}
        />
        <FilterSelect
          id="d-age"
          name="age"
          label={t("filterAge")}
          anyLabel={t("anyAge")}
          options={ticketAges.map((days) => ({ value: days, label: t("olderThan", { days }) }))}
          defaultValue={filters.age}
        />
        <FilterSelect
          id="d-order"
          name="order"
          label={t("filterOrder")}
          options={[
            { value: "oldest", label: t("orderOldest") },
            { value: "newest", label: t("orderNewest") },
          ]}
          defaultValue={filters.order}
        />
        <div className="row filter-actions">
          <FilterSubmit>{t("apply")}</FilterSubmit>
          <FilterReset href="/admin/demandes">{t("reset")}</FilterReset>
        </div>
      </FilterForm>
      {/* Announced when a filter, a count or a pager link changes it. */}
      <ResultsStatus shown={ticketQueryString(filters)} className="muted">
        {tt("range", { first, last, total: queue.total })}
      </ResultsStatus>
      <TicketsTable rows={queue.rows} total={queue.total} page={queue.page} pageSize={queue.pageSize} filters={filters} />
    </main>
  );
}
