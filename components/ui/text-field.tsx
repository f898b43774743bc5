"use client";
// Labelled inputs and text areas with hint and translated error, wired for screen readers.
import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes } from "react";
import { useTranslations } from "next-intl";

type FieldProps = {
  label: string;
  hint?: string;
  /** Catalog keys in the "validation" namespace. */
  errors?: string[];
  id?: string;
};

type ControlProps = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/** The label, hint and error around one control, and the attributes that tie the control to them. */
function Field({ label, hint, errors, id, control }: FieldProps & { control: (props: ControlProps) => ReactNode }) {
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
      {control({ id: inputId, "aria-invalid": hasError || undefined, "aria-describedby": describedBy })}
      {hasError && (
        <span id={errorId} className="error" role="alert">
          {errors!.map((key) => (t.has(key as never) ? t(key as never) : t("invalid"))).join(" ")}
        </span>
      )}
    </div>
  );
}

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & FieldProps & { ref?: Ref<HTMLInputElement> };

export function TextField({ label, hint, errors, id, ref, ...input }: TextFieldProps) {
  return <Field label={label} hint={hint} errors={errors} id={id} control={(wiring) => <input ref={ref} {...wiring} {...input} />} />;
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps & { ref?: Ref<HTMLTextAreaElement> };

export function TextAreaField({ label, hint, errors, id, ref, ...textarea }: TextAreaFieldProps) {
  return <Field label={label} hint={hint} errors={errors} id={id} control={(wiring) => <textarea ref={ref} {...wiring} {...textarea} />} />;
}
