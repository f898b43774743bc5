"use client";
// "Appliquer": applies a dry run, then shows the result or the refusal.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { applyImportAction } from "@/app/admin/(back-office)/import/actions";
import { StepUpPrompt } from "@/components/admin/step-up-prompt";

export function ApplyButton({ runId }: { runId: number }) {
  const t = useTranslations("import");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [stepUp, setStepUp] = useState<{ passkey: boolean } | null>(null);

  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await applyImportAction({ runId });
              setStepUp(!result.ok && result.error === "stepUpRequired" ? { passkey: Boolean(result.params?.passkey) } : null);
              if (result.ok) router.refresh();
              else if (result.error !== "stepUpRequired") setError(t(`errors.${result.error ?? "unexpected"}` as never));
            })
          }
        >
          {pending ? t("report.applying") : t("report.apply")}
        </button>
      </div>
      {stepUp && <StepUpPrompt reason="importApply" passkey={stepUp.passkey} />}
      {error && !stepUp && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
