"use client";
// Student search results: sorted and paginated by the server, through the URL.
import { useTranslations } from "next-intl";
import { DataTable } from "@/components/data-table/data-table";
import type { StudentSearchRow } from "@/db/queries/student-search";
import { useStudentColumns } from "@/app/admin/(back-office)/eleves/_components/columns";
import { studentSearchQueryString, type StudentSearchParams, type StudentSort } from "@/lib/validations/student-search";

type Props = {
  rows: StudentSearchRow[];
  total: number;
  totalCapped: boolean;
  hasNextPage: boolean;
  page: number;
  pageSize: number;
  search: StudentSearchParams;
  /** The order the server applied (it may differ from the one asked for). */
  sort: StudentSort;
};

export function StudentsTable({ rows, total, totalCapped, hasNextPage, page, pageSize, search, sort }: Props) {
  const t = useTranslations("admin.students");
  const s = useTranslations("studentSearch");
  const columns = useStudentColumns(search, sort);
  const pageHref = (target: number) => {
    const query = studentSearchQueryString({ ...search, sort, page: target });
    return `/admin/eleves${query ? `?${query}` : ""}`;
  };
  const first = rows.length === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + rows.length;
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("caption")}
      emptyMessage={s("noResult")}
      getRowId={(row) => String(row.id)}
      paginated
      page={page}
      pageSize={pageSize}
      rowCount={total}
      pageHref={pageHref}
      hasNextPage={hasNextPage}
      rangeLabel={rows.length === 0 ? undefined : s(totalCapped ? "rangeAtLeast" : "range", { first, last, total })}
    />
  );
}
