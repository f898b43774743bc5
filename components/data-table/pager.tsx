// The pager under a server-paginated table: "first to last of total", previous and next as links (the URL holds
// the page). No hooks, so both the client table and the server-rendered one use it. Not prefetched: another page is
// another run of the list's query.
import { StaffLink } from "@/components/admin/staff-link";

export type PagerProps = {
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

/** The admin.table messages the pager shows. */
export type PagerText = {
  label: string;
  previous: string;
  next: string;
  range: (values: { first: number; last: number; total: number }) => string;
};

export function Pager({ page, pageSize, rowCount, pageHref, rangeLabel, hasNextPage, text }: PagerProps & { text: PagerText }) {
  const pages = Math.max(1, Math.ceil(rowCount / pageSize));
  const first = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(rowCount, page * pageSize);
  return (
    <nav aria-label={text.label} className="row pager">
      <span className="muted">{rangeLabel ?? text.range({ first, last, total: rowCount })}</span>
      {page > 1 && (
        <StaffLink href={pageHref(page - 1)} rel="prev">
          {text.previous}
        </StaffLink>
      )}
      {(hasNextPage ?? page < pages) && (
        <StaffLink href={pageHref(page + 1)} rel="next">
          {text.next}
        </StaffLink>
      )}
    </nav>
  );
}
