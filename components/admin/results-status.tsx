// What a filtered back-office page shows (a list's range, a search's outcome, the period of the figures), in a live
// region. The region is always rendered, whatever the page shows ("no result" and "no search yet" included), and stays
// the same element across the client navigations of the page's FilterForm: a screen reader announces a change of a
// live region's content, not a region that appears with its content already in it.
//
// `shown` names what is shown (the list's URL, the search): its text is a new element when that changes, so that the
// same text about another list ("1 à 1 sur 1") is read again.
//
// A line of text is a paragraph (className on it); content of several blocks (paragraphs, alerts) is `as="div"`: the
// region is a plain div, and className goes to the element keyed by `shown`, whose children are the blocks.
import type { ReactNode } from "react";

type Props = { shown: string; className?: string; as?: "p" | "div"; children: ReactNode };

export function ResultsStatus({ shown, className, as = "p", children }: Props) {
  if (as === "div") {
    return (
      <div role="status">
        <div key={shown} className={className}>
          {children}
        </div>
      </div>
    );
  }
  return (
    <p className={className} role="status">
      <span key={shown}>{children}</span>
    </p>
  );
}
