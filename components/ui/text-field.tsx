"use client";
// A labelled input with hint and translated error, wired for screen readers.
import { useId, type InputHTMLAttributes, type Ref } from "react";
import { useTranslations } from "next-intl";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: string;
  /** Catalog keys in the "validation" namespace. */
  errors?: string[];
  ref?: Ref<HTMLInputElement>;
};

export function TextField({ label, hint, errors, id, ref, ...input }: Props) {
  const t = useTranslations("validation");
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const hasError = Boolean(errors && errors.length > 0);
  const describedBy = [hint ? hintId : null, hasError ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <input id={inputId} ref={ref} aria-invalid={hasError || undefined} aria-describedby={describedBy} {...input} />
      {hasError && (
        <span id={errorId} className="error" role="alert">
          {errors!.map((key) => (t.has(key as never) ? t(key as never) : t("invalid"))).join(" ")}
        </span>
      )}
    </div>
  );
}
