"use client";
// Columns of the student search results; sortable headers are links, since the server sorts (the URL keeps it).
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { StudentSearchRow } from "@/db/queries/student-search";
import {
  studentSearchQueryString,
  type StudentSearchParams,
  type StudentSort,
  type StudentSortKey,
} from "@/lib/validations/student-search";

function SortableHeader({ label, column, sortKey, search, applied }: {
  label: string;
  column: string;
  sortKey: StudentSortKey;
  search: StudentSearchParams;
  applied: StudentSort;
}) {
  const t = useTranslations("studentSearch");
  const active = applied.key === sortKey;
  const next: StudentSort = { key: sortKey, descending: active ? !applied.descending : false };
  const query = studentSearchQueryString({ ...search, sort: next, page: 1 });
  return (
    <Link href={`/admin/eleves${query ? `?${query}` : ""}`} title={t("sortBy", { column })}>
      {label}
      {active && (
        <>
          <span aria-hidden="true">{applied.descending ? " ▼" : " ▲"}</span>
          <span className="sr-only">{` (${t(applied.descending ? "sortedDescending" : "sortedAscending")})`}</span>
        </>
      )}
    </Link>
  );
}

export function useStudentColumns(search: StudentSearchParams, applied: StudentSort): ColumnDef<StudentSearchRow>[] {
  const t = useTranslations("admin.students");
  const s = useTranslations("studentSearch");
  const sortable = (sortKey: StudentSortKey, label: string, column: string) => ({
    header: () => <SortableHeader label={label} column={column} sortKey={sortKey} search={search} applied={applied} />,
    meta: applied.key === sortKey ? { ariaSort: applied.descending ? ("descending" as const) : ("ascending" as const) } : undefined,
  });
  return [
    {
      id: "name",
      ...sortable("nom", t("colName"), s("columnName")),
      cell: ({ row }) => (
        <>
          <Link href={`/admin/eleves/${row.original.id}`}>{`${row.original.lastName}, ${row.original.firstName}`}</Link>
          {row.original.archived && <span className="badge badge-warn"> {t("archived")}</span>}
        </>
      ),
    },
    { accessorKey: "fiche", ...sortable("fiche", t("colFiche"), s("columnFiche")) },
    { accessorKey: "codePermanent", header: t("colCodePermanent"), cell: ({ getValue }) => getValue<string | null>() ?? "—" },
    { accessorKey: "birthDate", ...sortable("naissance", t("colBirthDate"), s("columnBirthDate")) },
    {
      id: "school",
      ...sortable("ecole", t("colSchool"), s("columnSchool")),
      cell: ({ row }) => (
        <>
          {row.original.schoolName}
          {row.original.grade && <span className="muted"> · {row.original.grade}</span>}
        </>
      ),
    },
    {
      accessorKey: "guardianEmails",
      header: t("colEmails"),
      cell: ({ getValue }) => {
        const emails = getValue<string[]>();
        return emails.length === 0 ? <span className="muted">{t("noEmail")}</span> : emails.map((e) => <div key={e}>{e}</div>);
      },
    },
    {
      accessorKey: "associatedAccounts",
      header: t("colAssociated"),
      cell: ({ getValue }) => {
        const n = getValue<number>();
        return <span className={n > 0 ? "badge badge-ok" : "badge"}>{t("associatedCount", { count: n })}</span>;
      },
    },
  ];
}
