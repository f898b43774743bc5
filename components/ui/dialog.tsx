"use client";
// A modal dialog on the native <dialog> element: focus trap, Escape and the backdrop come from the browser.
import { useRef, useState, type ReactNode } from "react";

type DialogProps = {
  /** Content of the button that opens the dialog. */
  trigger: ReactNode;
  triggerClassName?: string;
  title: string;
  closeLabel: string;
  /** Rendered only while open, so forms start fresh each time; `close` ends the dialog. */
  children: (close: () => void) => ReactNode;
  /** Called however the dialog is closed (button, Escape, backdrop). */
  onClosed?: () => void;
};

export function Dialog({ trigger, triggerClassName, title, closeLabel, children, onClosed }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const show = () => {
    setOpen(true);
    ref.current?.showModal();
  };
  const close = () => {
    ref.current?.close(); // fires the element's close event, handled below
    setOpen(false);
  };
  return (
    <>
      <button type="button" className={triggerClassName} onClick={show}>
        {trigger}
      </button>
      <dialog
        ref={ref}
        className="dialog"
        aria-label={title}
        onClose={() => {
          setOpen(false);
          onClosed?.();
        }}
        onClick={(event) => {
          if (event.target === ref.current) close();
        }}
      >
        <div className="dialog-body stack">
          <div className="dialog-head">
            <h2>{title}</h2>
            <button type="button" className="link" onClick={close} aria-label={closeLabel}>
              ✕
            </button>
          </div>
          {open && children(close)}
        </div>
      </dialog>
    </>
  );
}
