// What a filtered back-office page shows (a list's range, a search's outcome, the period of the figures), in a live
// region. The region is always rendered, whatever the page shows ("no result" and "no search yet" included), and stays
// the same element across the client navigations of the page's FilterForm: a screen reader announces a change of a
// live region's content, not a region that appears with its content already in it.
//
// `shown` names what is shown (the list's URL, the search): its text is a new element when that changes, so that the
// same text about another list ("1 à 1 sur 1") is read again.
import type { ReactNode } from "react";

export function ResultsStatus({ shown, className, children }: { shown: string; className?: string; children: ReactNode }) {
  return (
    <p className={className} role="status">
      <span key={shown}>{children}</span>
    </p>
  );
}
