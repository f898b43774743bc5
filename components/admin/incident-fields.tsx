"use client";
// Labelled inputs of the incident forms; error keys are looked up in "incidents.validation", then "validation".
import { useId, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { StepUpPrompt } from "@/components/admin/step-up-prompt";
import type { ActionResult } from "@/lib/safe-action";

export function useIncidentErrorText() {
  const own = useTranslations("incidents.validation");
  const shared = useTranslations("validation");
  return (key: string) =>
    own.has(key as never) ? own(key as never) : shared.has(key as never) ? shared(key as never) : shared("invalid");
}

type FieldProps = {
  label: string;
  errors?: string[];
  registration: UseFormRegisterReturn;
  kind?: "text" | "date" | "number" | "textarea";
  disabled?: boolean;
};

export function IncidentField({ label, errors, registration, kind = "text", disabled }: FieldProps) {
  const id = useId();
  const errorText = useIncidentErrorText();
  const invalid = Boolean(errors?.length) || undefined;
  const describedBy = invalid ? `${id}-error` : undefined;
  const common = { id, "aria-invalid": invalid, "aria-describedby": describedBy, disabled, ...registration };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {kind === "textarea" ? (
        <textarea rows={3} maxLength={5000} {...common} />
      ) : (
        <input type={kind} {...(kind === "number" ? { min: 0, inputMode: "numeric" as const } : {})} {...common} />
      )}
      {invalid && (
        <span id={`${id}-error`} className="error" role="alert">
          {errors!.map(errorText).join(" ")}
        </span>
      )}
    </div>
  );
}

export function IncidentSelect({
  label,
  errors,
  registration,
  children,
  disabled,
}: Omit<FieldProps, "kind"> & { children: ReactNode }) {
  const id = useId();
  const errorText = useIncidentErrorText();
  const invalid = Boolean(errors?.length) || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={invalid} aria-describedby={invalid ? `${id}-error` : undefined} disabled={disabled} {...registration}>
        {children}
      </select>
      {invalid && (
        <span id={`${id}-error`} className="error" role="alert">
          {errors!.map(errorText).join(" ")}
        </span>
      )}
    </div>
  );
}

/** An action's error: "incidents.errors" first, then the shared "errors"; the step-up prompt when a fresh second factor is needed. */
export function IncidentAlert({ result }: { result: ActionResult<unknown> | null }) {
  const own = useTranslations("incidents.errors");
  const shared = useTranslations("errors");
  if (!result || result.ok || !result.error) return null;
  const error = result.error;
  if (error === "stepUpRequired") return <StepUpPrompt reason={String(result.params?.reason ?? "")} passkey={Boolean(result.params?.passkey)} />;
  const text = own.has(error as never) ? own(error as never) : shared.has(error as never) ? shared(error as never) : shared("unexpected");
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}
