"use client";
// "Appliquer": applies a dry run, then shows the result or the refusal.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { applyImportAction } from "@/app/admin/(back-office)/import/actions";

export function ApplyButton({ runId }: { runId: number }) {
  const t = useTranslations("import");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await applyImportAction({ runId });
              if (result.ok) router.refresh();
              else setError(t(`errors.${result.error ?? "unexpected"}` as never));
            })
          }
        >
          {pending ? t("report.applying") : t("report.apply")}
        </button>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
