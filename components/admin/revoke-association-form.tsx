"use client";
// Revokes a parent account's access to a student's file, with the reason the audit log keeps.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { revokeAssociationAction } from "@/app/admin/(back-office)/eleves/[id]/actions";
import { ActionAlert } from "@/components/admin/action-alert";
import { Dialog } from "@/components/ui/dialog";
import { errorsFor, useStaffErrorText } from "@/components/admin/staff-field";
import type { ActionResult } from "@/lib/safe-action";
import { revokeAssociationSchema, type RevokeAssociationInput } from "@/lib/validations/staff";

export function RevokeAssociationForm({ associationId, email, onClose }: { associationId: string; email: string; onClose: () => void }) {
  const t = useTranslations("admin.associations");
  const errorText = useStaffErrorText();
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<RevokeAssociationInput>({
    resolver: zodResolver(revokeAssociationSchema),
    defaultValues: { associationId, reason: "" },
  });
  const reasonErrors = errorsFor(result, "reason", form.formState.errors.reason?.message);
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await revokeAssociationAction(values);
      setResult(outcome);
      if (outcome.ok) {
        router.refresh();
        onClose();
      }
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <p>{t("revokeExplain", { email })}</p>
      <ActionAlert result={result} />
      <div className="field">
        <label htmlFor={`revoke-reason-${associationId}`}>{t("reason")}</label>
        <textarea
          id={`revoke-reason-${associationId}`}
          rows={3}
          maxLength={500}
          aria-invalid={Boolean(reasonErrors) || undefined}
          {...form.register("reason")}
        />
        {reasonErrors && (
          <span className="error" role="alert">
            {reasonErrors.map(errorText).join(" ")}
          </span>
        )}
      </div>
      <div className="row">
        <button type="submit" className="danger" disabled={pending}>
          {t("revokeSubmit")}
        </button>
        <button type="button" className="secondary" onClick={onClose} disabled={pending}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

export function RevokeAssociationDialog({ associationId, email }: { associationId: string; email: string }) {
  const t = useTranslations("admin.associations");
  return (
    <Dialog trigger={t("revoke")} triggerClassName="danger" title={t("revokeTitle")} closeLabel={t("cancel")}>
      {(close) => <RevokeAssociationForm associationId={associationId} email={email} onClose={close} />}
    </Dialog>
  );
}
