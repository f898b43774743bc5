// A results table rendered on the server only: the same markup as DataTable (caption, scrolling box, sortable
// headers' aria-sort, pager), without its client code. A page whose table holds only text and links sends its rows
// once as HTML (and once in the page's RSC payload) rather than as data a client component renders again.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Pager, type PagerProps } from "@/components/data-table/pager";
import { TableScroll } from "@/components/ui/table-scroll";

export type ServerColumn<TData> = {
  id: string;
  header: ReactNode;
  /** The order the server applied on this column, announced on its header cell. */
  ariaSort?: "ascending" | "descending";
  cell: (row: TData) => ReactNode;
};

export type ServerTableProps<TData> = {
  data: TData[];
  columns: ServerColumn<TData>[];
  /** Read by screen readers; visually hidden. */
  caption: string;
  emptyMessage: string;
  rowKey: (row: TData) => string | number;
  /** Server pagination (URL parameters). */
  pagination?: PagerProps;
};

export async function ServerTable<TData>({ data, columns, caption, emptyMessage, rowKey, pagination }: ServerTableProps<TData>) {
  const t = await getTranslations("admin.table");
  return (
    <div className="data-table stack">
      <TableScroll label={caption}>
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.id} scope="col" aria-sort={column.ariaSort}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              data.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td key={column.id}>{column.cell(row)}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableScroll>
      {pagination && (
        <Pager
          {...pagination}
          text={{ label: t("pagination"), previous: t("previous"), next: t("next"), range: (values) => t("range", values) }}
        />
      )}
    </div>
  );
}
