// Student search results: sorted and paginated by the server, through the URL; rendered on the server (text and
// links only, nothing for the browser to run).
import { getTranslations } from "next-intl/server";
import { ServerTable } from "@/components/data-table/server-table";
import type { StudentSearchRow } from "@/db/queries/student-search";
import { studentColumns } from "@/app/admin/(back-office)/eleves/_components/columns";
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

export async function StudentsTable({ rows, total, totalCapped, hasNextPage, page, pageSize, search, sort }: Props) {
  const t = await getTranslations("admin.students");
  const s = await getTranslations("studentSearch");
  const pageHref = (target: number) => {
    const query = studentSearchQueryString({ ...search, sort, page: target });
    return `/admin/eleves${query ? `?${query}` : ""}`;
  };
  const first = rows.length === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + rows.length;
  return (
    <ServerTable
      data={rows}
      columns={await studentColumns(search, sort)}
      caption={t("caption")}
      emptyMessage={s("noResult")}
      rowKey={(row) => row.id}
      pagination={{
        page,
        pageSize,
        rowCount: total,
        pageHref,
        hasNextPage,
        rangeLabel: rows.length === 0 ? undefined : s(totalCapped ? "rangeAtLeast" : "range", { first, last, total }),
      }}
    />
  );
}
