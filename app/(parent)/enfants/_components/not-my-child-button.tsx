"use client";
// "Ce n'est pas mon enfant" on a child's card: a confirmation, then the child leaves the account at once.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { reportNotMyChildAction } from "@/app/(parent)/enfants/actions";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import type { ActionResult } from "@/lib/safe-action";

export function NotMyChildButton({ studentId, firstName }: { studentId: number; firstName: string }) {
  const t = useTranslations("notMyChild");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = (close: () => void) =>
    startTransition(async () => {
      const outcome = await reportNotMyChildAction({ studentId });
      setResult(outcome);
      if (outcome.ok || outcome.error === "notFound") {
        close();
        router.push(`/enfants?signale=${outcome.ok ? "1" : "0"}`);
        router.refresh();
      }
    });
  return (
    <Dialog trigger={t("button")} triggerClassName="secondary" title={t("title", { firstName })} closeLabel={t("cancel")}>
      {(close) => (
        <div className="stack">
          <p>{t("explain")}</p>
          {result && !result.ok && result.error === "notFound" && (
            <div className="alert alert-error" role="alert">
              {t("notFound")}
            </div>
          )}
          {result && !result.ok && result.error !== "notFound" && <FormAlert result={result} />}
          <div className="row">
            <button type="button" className="danger" disabled={pending} onClick={() => confirm(close)}>
              {t("confirm")}
            </button>
            <button type="button" className="secondary" disabled={pending} onClick={close}>
              {t("cancel")}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
