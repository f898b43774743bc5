"use client";
// One board's retention periods: validated here and by the action with the same schema; a save may first ask for
// a fresh second factor (the form keeps what was typed), then is repeated.
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm, type UseFormRegisterReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { setBoardRetentionAction } from "@/app/admin/(back-office)/conservation/actions";
import { errorsFor } from "@/components/admin/staff-field";
import { StepUpPrompt } from "@/components/admin/step-up-prompt";
import type { ActionResult } from "@/lib/safe-action";
import { boardRetentionSchema, type BoardRetention, type BoardRetentionInput } from "@/lib/validations/retention";

type Periods = { attemptsMonths: number; resolvedTicketsMonths: number };
type Bounds = { min: number; max: number };

function useRetentionErrorText(bounds: Bounds) {
  const own = useTranslations("retention.validation");
  const shared = useTranslations("validation");
  return (key: string) => (own.has(key as never) ? own(key as never, bounds as never) : shared.has(key as never) ? shared(key as never) : shared("invalid"));
}

/** `saved` is rendered in the page's HTML, so the value shows (and reads) before the form's script has run. */
function MonthsField({ label, hint, errors, registration, bounds, saved }: { label: string; hint: string; errors?: string[]; registration: UseFormRegisterReturn; bounds: Bounds; saved: number }) {
  const id = useId();
  const errorText = useRetentionErrorText(bounds);
  const invalid = Boolean(errors?.length);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span id={`${id}-hint`} className="hint">
        {hint}
      </span>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={bounds.min}
        max={bounds.max}
        step={1}
        defaultValue={saved}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
        {...registration}
      />
      {invalid && (
        <span id={`${id}-error`} className="error" role="alert">
          {errors!.map(errorText).join(" ")}
        </span>
      )}
    </div>
  );
}

function RetentionAlert({ result }: { result: ActionResult<unknown> | null }) {
  const own = useTranslations("retention.errors");
  const shared = useTranslations("errors");
  if (!result || result.ok || !result.error) return null;
  if (result.error === "stepUpRequired") return <StepUpPrompt reason={String(result.params?.reason ?? "")} passkey={Boolean(result.params?.passkey)} />;
  const key = result.error;
  const text = own.has(key as never) ? own(key as never) : shared.has(key as never) ? shared(key as never) : shared("unexpected");
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}

export function RetentionForm({ board, defaults, bounds }: { board: { id: number; name: string } & Periods; defaults: Periods; bounds: Bounds }) {
  const t = useTranslations("retention.form");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ changed: boolean }> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<BoardRetentionInput, unknown, BoardRetention>({
    resolver: zodResolver(boardRetentionSchema),
    defaultValues: { boardId: board.id, attemptsMonths: String(board.attemptsMonths), resolvedTicketsMonths: String(board.resolvedTicketsMonths) },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(() =>
    startTransition(async () => {
      // The raw values: the action parses them with the same schema.
      const outcome = await setBoardRetentionAction(form.getValues());
      setResult(outcome);
      if (outcome.ok) router.refresh();
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack" aria-label={t("label", { board: board.name })}>
      <div className="filters">
        <MonthsField
          label={t("attemptsMonths")}
          hint={t("attemptsHint", { current: board.attemptsMonths, default: defaults.attemptsMonths })}
          registration={form.register("attemptsMonths")}
          errors={errorsFor(result, "attemptsMonths", errors.attemptsMonths?.message)}
          bounds={bounds}
          saved={board.attemptsMonths}
        />
        <MonthsField
          label={t("resolvedTicketsMonths")}
          hint={t("ticketsHint", { current: board.resolvedTicketsMonths, default: defaults.resolvedTicketsMonths })}
          registration={form.register("resolvedTicketsMonths")}
          errors={errorsFor(result, "resolvedTicketsMonths", errors.resolvedTicketsMonths?.message)}
          bounds={bounds}
          saved={board.resolvedTicketsMonths}
        />
      </div>
      <RetentionAlert result={result} />
      {result?.ok && (
        <p className="alert alert-ok" role="status">
          {result.data.changed ? t("saved") : t("unchanged")}
        </p>
      )}
      <div>
        <button type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </button>
      </div>
    </form>
  );
}
