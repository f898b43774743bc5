"use client";
// A back-office GET form (a search box, a list's filters): the URL holds the filters, so a list can be shared or
// reloaded. next/form submits it as a client navigation once the page's script has loaded (before that, as a plain
// GET to the same address with the same query string): the server renders the page's segment alone, as for a link,
// instead of a whole document with the back-office layout and header. Not prefetched, like every back-office link
// (components/admin/staff-link.tsx).
//
// A client navigation keeps the page's elements (the focused field or button keeps the focus, the page does not
// jump), but React does not put an uncontrolled field back to its new default once a person has typed in it, nor a
// <select> once it is mounted: after a "reset" link or the browser's back button, the fields would still show what
// was typed before while the list shows other filters. So when the filters the page applied change, each field
// is set to them: text and date fields to their default value (which React keeps current), check boxes to their
// default state, and selects to their data-applied value (components/admin/filter-fields.tsx). The applied filters
// are read from the fields' defaults after each render rather than from the URL: going back, Next.js can show the
// new URL a render before the page that goes with it.
import Form from "next/form";
import { useEffect, useRef, type ComponentProps } from "react";

type Props = Omit<ComponentProps<typeof Form>, "action" | "prefetch" | "replace" | "ref"> & { action: string };

export function FilterForm(props: Props) {
  const form = useRef<HTMLFormElement>(null);
  const shown = useRef<string | null>(null);

  useEffect(() => {
    if (!form.current) return;
    const applied = appliedFilters(form.current);
    if (shown.current !== null && shown.current !== applied) showAppliedFilters(form.current);
    shown.current = applied;
  });

  return <Form {...props} ref={form} prefetch={false} />;
}

type Field = HTMLInputElement | HTMLSelectElement;

/** The fields FilterForm sets, with the value each should show. */
function fields(form: HTMLFormElement): { field: Field; applied: string }[] {
  const found: { field: Field; applied: string }[] = [];
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLSelectElement) {
      if (element.dataset.applied !== undefined) found.push({ field: element, applied: element.dataset.applied });
    } else if (element instanceof HTMLInputElement) {
      if (element.type === "checkbox" || element.type === "radio") found.push({ field: element, applied: String(element.defaultChecked) });
      // A field React controls (the school picker's) has its default value kept equal to its value: nothing to do.
      else if (element.type !== "hidden") found.push({ field: element, applied: element.defaultValue });
    }
  }
  return found;
}

function appliedFilters(form: HTMLFormElement): string {
  return JSON.stringify(fields(form).map(({ field, applied }) => [field.name, applied]));
}

function showAppliedFilters(form: HTMLFormElement) {
  for (const { field, applied } of fields(form)) {
    if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) {
      if (String(field.checked) !== applied) field.checked = applied === "true";
    } else if (field.value !== applied) {
      field.value = applied;
    }
  }
}
