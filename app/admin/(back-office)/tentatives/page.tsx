import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import { AttemptDiagnosis } from "@/components/admin/attempt-diagnosis";
import { FilterInput, FilterSelect } from "@/components/admin/filter-fields";
import { FilterForm, FilterReset, FilterSubmit } from "@/components/admin/filter-form";
import { ResultsStatus } from "@/components/admin/results-status";
import { searchAttemptsForStaff } from "@/db/queries/attempts";
import { schoolCountInScope, schoolInScope } from "@/db/queries/scope-schools";
import { SchoolPicker } from "@/components/admin/school-picker";
import { requireStaff } from "@/lib/auth/session";
import { attemptFilterSchema, type AttemptFilters } from "@/lib/validations/staff";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.attempts"))("title") };
}

function hrefFor(filters: AttemptFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["email", "student", "school", "from", "to"] as const) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  if (filters.outcome !== "failed") params.set("outcome", filters.outcome);
  if (page > 1) params.set("page", String(page));
  return `/admin/tentatives?${params.toString()}`;
}

export default async function AttemptsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { scope } = await requireStaff();
  const t = await getTranslations("admin.attempts");
  const tt = await getTranslations("admin.table");
  const filters = attemptFilterSchema.parse(await searchParams);
  const [result, schoolCount, school] = await Promise.all([
    searchAttemptsForStaff(scope, filters),
    schoolCountInScope(scope),
    schoolInScope(scope, filters.school),
  ]);
  // Only counted matches are paged through (at most ATTEMPT_COUNT_CAP): beyond them, the filters narrow the list.
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  // From the rows shown: a page typed into the URL past the counted matches still says which rows these are.
  const first = result.rows.length === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
  const last = first === 0 ? 0 : first + result.rows.length - 1;

  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <FilterForm action="/admin/tentatives" className="card filters" aria-label={t("filtersLabel")}>
        <FilterInput id="f-email" name="email" label={t("filterEmail")} defaultValue={filters.email} maxLength={254} />
        <FilterInput id="f-student" name="student" label={t("filterStudent")} defaultValue={filters.student} maxLength={200} />
        {schoolCount > 1 && (
          <SchoolPicker id="f-school" name="school" label={t("filterSchool")} selected={school} showBoard={scope.kind === "all"} />
        )}
        <FilterInput id="f-from" name="from" label={t("filterFrom")} type="date" defaultValue={filters.from} />
        <FilterInput id="f-to" name="to" label={t("filterTo")} type="date" defaultValue={filters.to} />
        <FilterSelect
          id="f-outcome"
          name="outcome"
          label={t("filterOutcome")}
          options={[
            { value: "failed", label: t("outcomeFailed") },
            { value: "all", label: t("outcomeAll") },
          ]}
          defaultValue={filters.outcome}
        />
        <div className="row filter-actions">
          <FilterSubmit>{t("apply")}</FilterSubmit>
          <FilterReset href="/admin/tentatives">{t("reset")}</FilterReset>
        </div>
      </FilterForm>

      {/* Announced when a filter or a pager link changes it: the range shown, or why nothing is (said here only). */}
      <ResultsStatus shown={hrefFor(filters, result.page)} className={result.studentUnmatchable ? "alert alert-info" : "muted"}>
        {result.studentUnmatchable
          ? t("studentUnmatchable")
          : result.rows.length === 0
            ? t("none")
            : tt(result.totalCapped ? "rangeAtLeast" : "range", { first, last, total: result.total })}
      </ResultsStatus>
      {result.rows.map((attempt) => (
        <AttemptDiagnosis key={attempt.id} attempt={attempt} />
      ))}
      {pages > 1 && (
        <nav aria-label={tt("pagination")} className="row pager">
          {result.page > 1 && (
            <StaffLink href={hrefFor(filters, result.page - 1)} rel="prev">
              {tt("previous")}
            </StaffLink>
          )}
          {result.page < pages && (
            <StaffLink href={hrefFor(filters, result.page + 1)} rel="next">
              {tt("next")}
            </StaffLink>
          )}
        </nav>
      )}
    </main>
  );
}
