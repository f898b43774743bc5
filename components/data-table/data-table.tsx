"use client";
// The one typed wrapper over @tanstack/react-table (v8): features pass their rows and their own columns.tsx.
import Link from "next/link";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { TableScroll } from "@/components/ui/table-scroll";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the generics must match the library's declaration
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The order the server applied on this column, announced on its header cell. */
    ariaSort?: "ascending" | "descending";
  }
}

/** Pagination is done by the server (URL parameters): a paginated table must say how many rows exist in all. */
type Pagination =
  | { paginated?: false }
  | {
      paginated: true;
      /** 1-based. */
      page: number;
      pageSize: number;
      rowCount: number;
      /** URL of another page, keeping the current filters. */
      pageHref: (page: number) => string;
      /** Replaces the "first to last of total" text (e.g. when the total is only a lower bound). */
      rangeLabel?: string;
      /** Whether a next page exists, when rowCount alone cannot tell (a total counted up to a cap). */
      hasNextPage?: boolean;
    };

export type DataTableProps<TData> = {
  data: TData[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<TData, any>[];
  /** Read by screen readers; visually hidden. */
  caption: string;
  emptyMessage: string;
  getRowId?: (row: TData) => string;
} & Pagination;

export function DataTable<TData>(props: DataTableProps<TData>) {
  const t = useTranslations("admin.table");
  const table = useReactTable({
    data: props.data,
    columns: props.columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: props.getRowId,
    manualPagination: true,
  });
  const rows = table.getRowModel().rows;
  return (
    <div className="data-table stack">
      <TableScroll label={props.caption}>
        <table>
          <caption className="sr-only">{props.caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col" aria-sort={header.column.columnDef.meta?.ariaSort}>
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={table.getAllLeafColumns().length} className="muted">
                  {props.emptyMessage}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableScroll>
      {props.paginated && <Pager {...props} label={t("pagination")} summary={t} />}
    </div>
  );
}

function Pager({
  page,
  pageSize,
  rowCount,
  pageHref,
  rangeLabel,
  hasNextPage,
  label,
  summary: t,
}: Extract<Pagination, { paginated: true }> & { label: string; summary: ReturnType<typeof useTranslations<"admin.table">> }) {
  const pages = Math.max(1, Math.ceil(rowCount / pageSize));
  const first = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(rowCount, page * pageSize);
  return (
    <nav aria-label={label} className="row pager">
      <span className="muted">{rangeLabel ?? t("range", { first, last, total: rowCount })}</span>
      {page > 1 && (
        <Link href={pageHref(page - 1)} rel="prev">
          {t("previous")}
        </Link>
      )}
      {(hasNextPage ?? page < pages) && (
        <Link href={pageHref(page + 1)} rel="next">
          {t("next")}
        </Link>
      )}
    </nav>
  );
}
