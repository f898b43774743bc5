import type { ReactNode } from "react";
import { TableScroll } from "@/components/ui/table-scroll";

export type TableCardColumn = { label: string; /** Read by screen readers only (e.g. an actions column). */ hidden?: boolean };

/**
 * A back-office card that holds one table: a titled section (the title also captions the table for screen
 * readers), an optional explanation, and a message instead of the table when there are no rows.
 */
export function TableCard({
  id,
  title,
  explain,
  empty,
  columns,
  wide = false,
  children,
}: {
  id: string;
  title: string;
  explain?: string;
  /** Shown instead of the table; null when there are rows. */
  empty: string | null;
  columns: TableCardColumn[];
  /** Takes the whole width of a .student-grid, for a table too wide for one of its columns. */
  wide?: boolean;
  /** The table's rows. */
  children: ReactNode;
}) {
  return (
    <section className={wide ? "card stack span-all" : "card stack"} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {explain && <p className="muted">{explain}</p>}
      {empty !== null ? (
        <p>{empty}</p>
      ) : (
        <TableScroll label={title}>
          <table>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th scope="col" key={column.label}>
                    {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
