"use client";
// After a failed submit the person must see what went wrong: on a phone the form's error box is often far above
// the viewport. These hooks move keyboard focus (and the scroll position) to it, or to the first invalid field.
import { useEffect, useRef, type RefObject } from "react";

/** Focuses `element` without the browser's own jump, then scrolls it into view. */
export function focusAndReveal(element: HTMLElement | null, block: ScrollLogicalPosition = "start") {
  if (!element) return;
  if (!element.hasAttribute("tabindex") && !element.matches("input, select, textarea, button, a[href]")) {
    element.setAttribute("tabindex", "-1");
  }
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block, behavior: "auto" });
}

/**
 * A ref for an error summary that takes focus each time `trigger` changes to a truthy value (a new failed result
 * object), so submitting the same wrong data twice still brings it into view.
 */
export function useFocusWhenShown<T extends HTMLElement>(trigger: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (trigger) focusAndReveal(ref.current);
  }, [trigger]);
  return ref;
}

/**
 * After a submit that the browser-side validation refused, focuses the first invalid field in the order the
 * person reads the form (DOM order), rather than the order the fields registered with react-hook-form.
 * `submitCount` and `errorCount` come from react-hook-form's formState.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, submitCount: number, errorCount: number) {
  const handled = useRef(0);
  useEffect(() => {
    if (submitCount === handled.current) return;
    handled.current = submitCount;
    if (errorCount === 0) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // Centred, so its label and hint above stay in view.
    if (invalid) focusAndReveal(invalid, "center");
  }, [form, submitCount, errorCount]);
}
