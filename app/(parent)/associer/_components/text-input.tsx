"use client";
// A labelled text input with an optional hint and an already-translated error, wired for screen readers.
import { useId, type InputHTMLAttributes, type Ref } from "react";
import { FieldMessage } from "@/app/(parent)/associer/_components/field-message";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  ref?: Ref<HTMLInputElement>;
};

export function TextInput({ label, hint, error, id, ref, ...input }: Props) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <span id={`${inputId}-hint`} className="hint">
          {hint}
        </span>
      )}
      <input
        id={inputId}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      <FieldMessage id={`${inputId}-error`} message={error} />
    </div>
  );
}
