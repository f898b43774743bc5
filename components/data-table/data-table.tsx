"use client";
// The one typed wrapper over @tanstack/react-table (v8): features pass their rows and their own columns.tsx.
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { Pager, type PagerProps } from "@/components/data-table/pager";
import { TableScroll } from "@/components/ui/table-scroll";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the generics must match the library's declaration
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The order the server applied on this column, announced on its header cell. */
    ariaSort?: "ascending" | "descending";
  }
}

/** Pagination is done by the server (URL parameters): a paginated table must say how many rows exist in all. */
type Pagination = { paginated?: false } | ({ paginated: true } & PagerProps);

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
      {props.paginated && (
        <Pager
          {...props}
          text={{ label: t("pagination"), previous: t("previous"), next: t("next"), range: (values) => t("range", values) }}
        />
      )}
    </div>
  );
}
