"use client";
// A labelled input for staff forms: error keys are looked up in "admin.validation", then in "validation".
import { useId, type InputHTMLAttributes, type Ref } from "react";
import { useTranslations } from "next-intl";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: string;
  errors?: string[];
  ref?: Ref<HTMLInputElement>;
};

export function useStaffErrorText() {
  const own = useTranslations("admin.validation");
  const shared = useTranslations("validation");
  return (key: string) =>
    own.has(key as never) ? own(key as never) : shared.has(key as never) ? shared(key as never) : shared("invalid");
}

export function StaffField({ label, hint, errors, id, ref, ...input }: Props) {
  const errorText = useStaffErrorText();
  const generated = useId();
  const inputId = id ?? generated;
  const hasError = Boolean(errors && errors.length > 0);
  const describedBy = [hint ? `${inputId}-hint` : null, hasError ? `${inputId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <span id={`${inputId}-hint`} className="hint">
          {hint}
        </span>
      )}
      <input id={inputId} ref={ref} aria-invalid={hasError || undefined} aria-describedby={describedBy || undefined} {...input} />
      {hasError && (
        <span id={`${inputId}-error`} className="error" role="alert">
          {errors!.map(errorText).join(" ")}
        </span>
      )}
    </div>
  );
}

/** Field errors of a form: the client's first, else the server's for that field. */
export function errorsFor(
  server: { ok: boolean; fieldErrors?: Record<string, string[]> } | null,
  name: string,
  client?: string,
): string[] | undefined {
  if (client) return [client];
  return server && !server.ok ? server.fieldErrors?.[name] : undefined;
}
