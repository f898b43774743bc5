// Columns of the student search results, rendered on the server; sortable headers are links, since the server
// sorts (the URL keeps it). No link here is prefetched: a header's link is the same search in another order, which
// the browser would otherwise run on the server four times per page view, and each row's is a student page.
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import type { ServerColumn } from "@/components/data-table/server-table";
import type { StudentSearchRow } from "@/db/queries/student-search";
import {
  studentSearchQueryString,
  type StudentSearchParams,
  type StudentSort,
  type StudentSortKey,
} from "@/lib/validations/student-search";

type Translate = Awaited<ReturnType<typeof getTranslations<"studentSearch">>>;

function SortableHeader({ label, column, sortKey, search, applied, s }: {
  label: string;
  column: string;
  sortKey: StudentSortKey;
  search: StudentSearchParams;
  applied: StudentSort;
  s: Translate;
}) {
  const active = applied.key === sortKey;
  const next: StudentSort = { key: sortKey, descending: active ? !applied.descending : false };
  const query = studentSearchQueryString({ ...search, sort: next, page: 1 });
  return (
    <StaffLink href={`/admin/eleves${query ? `?${query}` : ""}`} title={s("sortBy", { column })}>
      {label}
      {active && (
        <>
          <span aria-hidden="true">{applied.descending ? " ▼" : " ▲"}</span>
          <span className="sr-only">{` (${s(applied.descending ? "sortedDescending" : "sortedAscending")})`}</span>
        </>
      )}
    </StaffLink>
  );
}

export async function studentColumns(search: StudentSearchParams, applied: StudentSort): Promise<ServerColumn<StudentSearchRow>[]> {
  const t = await getTranslations("admin.students");
  const s = await getTranslations("studentSearch");
  const sortable = (sortKey: StudentSortKey, label: string, column: string) => ({
    header: <SortableHeader label={label} column={column} sortKey={sortKey} search={search} applied={applied} s={s} />,
    ariaSort: applied.key === sortKey ? (applied.descending ? ("descending" as const) : ("ascending" as const)) : undefined,
  });
  const archived = t("archived");
  const noEmail = t("noEmail");
  return [
    {
      id: "name",
      ...sortable("nom", t("colName"), s("columnName")),
      cell: (row) => (
        <>
          <StaffLink href={`/admin/eleves/${row.id}`}>{`${row.lastName}, ${row.firstName}`}</StaffLink>
          {row.archived && <span className="badge badge-warn"> {archived}</span>}
        </>
      ),
    },
    { id: "fiche", ...sortable("fiche", t("colFiche"), s("columnFiche")), cell: (row) => row.fiche },
    { id: "codePermanent", header: t("colCodePermanent"), cell: (row) => row.codePermanent ?? "—" },
    { id: "birthDate", ...sortable("naissance", t("colBirthDate"), s("columnBirthDate")), cell: (row) => row.birthDate },
    {
      id: "school",
      ...sortable("ecole", t("colSchool"), s("columnSchool")),
      cell: (row) => (
        <>
          {row.schoolName}
          {row.grade && <span className="muted"> · {row.grade}</span>}
        </>
      ),
    },
    {
      id: "guardianEmails",
      header: t("colEmails"),
      cell: (row) =>
        row.guardianEmails.length === 0 ? <span className="muted">{noEmail}</span> : row.guardianEmails.map((e) => <div key={e}>{e}</div>),
    },
    {
      id: "associatedAccounts",
      header: t("colAssociated"),
      cell: (row) => (
        <span className={row.associatedAccounts > 0 ? "badge badge-ok" : "badge"}>
          {t("associatedCount", { count: row.associatedAccounts })}
        </span>
      ),
    },
  ];
}
