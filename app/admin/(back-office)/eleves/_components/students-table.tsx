"use client";
// Student search results, paginated through the URL.
import { useTranslations } from "next-intl";
import { DataTable } from "@/components/data-table/data-table";
import type { StudentSearchRow } from "@/db/queries/students";
import { useStudentColumns } from "@/app/admin/(back-office)/eleves/_components/columns";

type Props = { rows: StudentSearchRow[]; total: number; page: number; pageSize: number; query: string };

export function StudentsTable({ rows, total, page, pageSize, query }: Props) {
  const t = useTranslations("admin.students");
  const columns = useStudentColumns();
  const pageHref = (target: number) => {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return `/admin/eleves${search ? `?${search}` : ""}`;
  };
  return (
    <DataTable
      data={rows}
      columns={columns}
      caption={t("caption")}
      emptyMessage={query ? t("noResult", { query }) : t("empty")}
      getRowId={(row) => String(row.id)}
      paginated
      page={page}
      pageSize={pageSize}
      rowCount={total}
      pageHref={pageHref}
    />
  );
}
