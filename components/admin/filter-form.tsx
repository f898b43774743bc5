"use client";
// A back-office GET form (a search box, a list's filters): the URL holds the filters, so a list can be shared or
// reloaded. Once the page's script has loaded, a submit is a client navigation (before that, or without JavaScript,
// a plain GET to the same address with the same query string): the server renders the page's segment alone, as for a
// link, instead of a whole document with the back-office layout and header. Not prefetched, like every back-office
// link (components/admin/staff-link.tsx).
//
// The navigation is FilterForm's own rather than next/form's, so that it can be followed: next/form calls
// router.push from its submit handler, outside any transition of the page's, so nothing on the page could tell that
// a submit was under way (nor does the browser show its loading indicator, as for a plain GET), and useFormStatus
// does not see it. FilterForm builds the URL the browser would (submitTarget) and pushes it inside a transition:
// until the new page is committed (the same filters submitted again included: the page is fetched again) the form
// is aria-busy, its FilterSubmit button shows "Recherche…" and is aria-disabled, and a second submit is ignored. The
// button is not `disabled`: that would take the focus from it. next/form is kept for the rest (the base path, and a
// submitter with a formAction or formMethod of its own, which FilterForm leaves to next/form or the browser).
//
// The list's page keeps its elements (the focused field or button keeps the focus, and the page does not scroll:
// the form is at the top of the page it filters), but React does not put an uncontrolled field back to its new
// default once a person has typed in it, nor a <select> once it is mounted: after a "reset" link or the browser's
// back button, the fields would still show what was typed before while the list shows other filters. So when the
// filters the page applied change, each field is set to them: text and date fields to their default value (which
// React keeps current), check boxes to their default state, and selects to their data-applied value
// (components/admin/filter-fields.tsx). The applied filters are read from the fields' defaults after each render
// rather than from the URL: going back, Next.js can show the new URL a render before the page that goes with it.
//
// A reset link (FilterReset) often leads to the list already shown (no filter applied): the filters the page applies
// do not change then, and a field edited without being submitted would keep the edit. So the reset link's navigation
// is the form's too, in its transition (the form is busy until the page is there), and once it is committed every
// field is set to the filters applied, whether or not they changed.
import Form from "next/form";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, useContext, useEffect, useRef, useTransition, type ComponentProps, type FormEvent, type ReactNode } from "react";
import { StaffLink } from "@/components/admin/staff-link";

type Props = Omit<ComponentProps<typeof Form>, "action" | "prefetch" | "replace" | "scroll" | "ref" | "onSubmit"> & { action: string };

/** Whether the form's navigation is under way, for its FilterSubmit. */
const Pending = createContext(false);
/** The form's reset navigation, for its FilterReset (null outside a FilterForm: a plain link). */
const Reset = createContext<((href: string) => void) | null>(null);

export function FilterForm({ children, ...props }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const shown = useRef<string | null>(null);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Set at the submit itself: a second submit in the same task (two requestSubmit() calls) comes before React has
  // rendered `pending`.
  const submitting = useRef(false);
  // A reset link was followed: once its page is committed, the fields show the filters applied.
  const resetting = useRef(false);

  useEffect(() => {
    if (!form.current) return;
    const applied = appliedFilters(form.current);
    if (shown.current !== null && shown.current !== applied) showAppliedFilters(form.current);
    shown.current = applied;
  });

  useEffect(() => {
    if (pending) return;
    submitting.current = false;
    if (resetting.current && form.current) {
      resetting.current = false;
      showAppliedFilters(form.current);
    }
  }, [pending]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (submitting.current) {
      event.preventDefault();
      return;
    }
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const target = submitTarget(event.currentTarget, submitter);
    // Not ours: next/form goes on with the submit (a navigation of its own or the browser's).
    if (target === null) return;
    event.preventDefault();
    submitting.current = true;
    navigate(target);
  };

  const reset = (href: string) => {
    resetting.current = true;
    navigate(new URL(href, window.location.href));
  };

  function navigate(target: URL) {
    // The page the form filters stays where it is; a form that leads to another page (the dashboard's search box)
    // lets Next.js show the top of that page.
    const samePage = target.pathname === window.location.pathname;
    startTransition(() => router.push(target.href, { scroll: !samePage }));
  }

  return (
    <Form {...props} ref={form} prefetch={false} onSubmit={onSubmit} aria-busy={pending || undefined}>
      <Pending value={pending}>
        <Reset value={reset}>{children}</Reset>
      </Pending>
    </Form>
  );
}

/**
 * The form's submit button: while the form's navigation is under way, it says so ("Recherche…") and is
 * aria-disabled (FilterForm ignores a submit meanwhile); it keeps the focus.
 */
export function FilterSubmit({ children }: { children: ReactNode }) {
  const pending = useContext(Pending);
  const t = useTranslations("admin.filterForm");
  return (
    <button type="submit" aria-disabled={pending || undefined}>
      {pending ? t("pending") : children}
    </button>
  );
}

/**
 * The form's link to its list without filters ("Réinitialiser", "Effacer les filtres"): once the page it leads to is
 * there, the fields show that page's filters, also when it is the page already shown (see the module header). A click
 * with a modifier key (a new tab, a new window) or without JavaScript is a plain link.
 */
export function FilterReset({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const reset = useContext(Reset);
  return (
    <StaffLink
      href={href}
      className={className}
      onNavigate={
        reset
          ? (event) => {
              event.preventDefault();
              reset(href);
            }
          : undefined
      }
    >
      {children}
    </StaffLink>
  );
}

/**
 * The URL a GET form submit leads to, as the browser builds it: the form's action without its query string, then
 * every field of the form in document order, blank ones included, and the submitter's name and value if it has a
 * name. next/form's own function (createFormSubmitDestinationUrl, in next/dist/client/form-shared, not part of
 * Next.js's API) leaves the submitter out. Null when the submitter changes the action, method, target or encoding
 * (formAction, formMethod, …): next/form or the browser handles those.
 */
export function submitTarget(form: HTMLFormElement, submitter: HTMLElement | null): URL | null {
  if (submitter && ["formaction", "formmethod", "formtarget", "formenctype"].some((name) => submitter.hasAttribute(name))) return null;
  const url = new URL(form.getAttribute("action") ?? "", window.location.href);
  url.search = "";
  for (const [name, value] of new FormData(form, submitter)) {
    // A file field sends its file's name, as a GET form does.
    url.searchParams.append(name, typeof value === "string" ? value : value.name);
  }
  return url;
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
