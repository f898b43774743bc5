"use client";
// The signed-in parent's navigation: a row of links on wide screens; on a phone, one "Menu" button that opens
// the same links as a list, so the header stays one line high above the page.
import { useEffect, useId, useState } from "react";
import { usePathname } from "next/navigation";

export function ParentMenu({ label, menuLabel, children }: { label: string; menuLabel: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const id = useId();
  // A link followed closes the menu.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div className="site-menu" data-open={open ? "true" : "false"}>
      <button
        type="button"
        className="secondary menu-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
      >
        {menuLabel}
      </button>
      <nav id={id} aria-label={label}>
        {children}
      </nav>
    </div>
  );
}
