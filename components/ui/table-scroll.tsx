// The horizontally scrolling box around a wide table. It takes keyboard focus, so a keyboard user can scroll it
// with the arrow keys (axe: scrollable-region-focusable), and is named for screen readers; a group, not a region
// landmark, since a page may hold several tables named alike (one diagnosis per attempt).
import type { ReactNode } from "react";

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
