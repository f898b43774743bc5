"use client";
// Deactivate a staff account, with the reason the audit log keeps; every session of the account ends at once.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { SecurityAlert } from "@/components/admin/security-alert";
import { StaffField, errorsFor } from "@/components/admin/staff-field";
import { deactivateStaffAction } from "@/app/admin/(back-office)/personnel/actions";
import type { ActionResult } from "@/lib/safe-action";
import { deactivateStaffSchema, type DeactivateStaffInput } from "@/lib/validations/staff-admin";

export function DeactivateForm({ staffId }: { staffId: string }) {
  const t = useTranslations("staffAdmin.detail.deactivate");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ sessionsEnded: number }> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<DeactivateStaffInput>({ resolver: zodResolver(deactivateStaffSchema), defaultValues: { staffId, reason: "" } });
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await deactivateStaffAction(values);
      setResult(outcome);
      if (outcome.ok) router.refresh();
    }),
  );
  if (result?.ok) {
    return (
      <div className="alert alert-ok" role="status">
        {t("done", { count: result.data.sessionsEnded })}
      </div>
    );
  }
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <SecurityAlert result={result} />
      <StaffField label={t("reason")} maxLength={500} errors={errorsFor(result, "reason", form.formState.errors.reason?.message)} {...form.register("reason")} />
      <button type="submit" className="danger" disabled={pending}>
        {t("button")}
      </button>
    </form>
  );
}
