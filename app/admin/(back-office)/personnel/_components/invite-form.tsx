"use client";
// Invite a staff member: email, name, role and where they work. The invitation link goes to them by email.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useFormatter, useTranslations } from "next-intl";
import { SecurityAlert, useSecurityErrorText } from "@/components/admin/security-alert";
import { AssignmentFields, type BoardOption, type SchoolOption } from "@/app/admin/(back-office)/personnel/_components/assignment-fields";
import { inviteStaffAction } from "@/app/admin/(back-office)/personnel/actions";
import type { ActionResult } from "@/lib/safe-action";
import { inviteStaffSchema, type InviteStaffInput } from "@/lib/validations/staff-admin";

export function InviteForm({ roles, boards, schools }: { roles: string[]; boards: BoardOption[]; schools: SchoolOption[] }) {
  const t = useTranslations("staffAdmin.invite");
  const validation = useTranslations("staffAdmin.validation");
  const errorText = useSecurityErrorText();
  const format = useFormatter();
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ staffId: string; expiresAt: string }> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<InviteStaffInput>({
    resolver: zodResolver(inviteStaffSchema),
    defaultValues: { email: "", name: "", role: roles[0] as InviteStaffInput["role"], boardId: boards.length === 1 ? String(boards[0]!.id) : "", schoolIds: [] },
  });
  const fieldError = (name: "email" | "name") => {
    const key = form.formState.errors[name]?.message ?? (result && !result.ok ? result.fieldErrors?.[name]?.[0] : undefined);
    return key ? (
      <span className="error" role="alert">
        {validation.has(key as never) ? validation(key as never) : errorText(key)}
      </span>
    ) : null;
  };
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await inviteStaffAction(values);
      setResult(outcome);
      if (outcome.ok) {
        form.reset({ ...values, email: "", name: "" });
        router.refresh();
      }
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      {result?.ok && (
        <div className="alert alert-ok" role="status">
          {t("sent", { until: format.dateTime(new Date(result.data.expiresAt), { dateStyle: "long", timeStyle: "short" }) })}
        </div>
      )}
      <SecurityAlert result={result} />
      <div className="field">
        <label htmlFor="invite-email">{t("email")}</label>
        <input id="invite-email" type="email" autoComplete="off" maxLength={254} {...form.register("email")} />
        {fieldError("email")}
      </div>
      <div className="field">
        <label htmlFor="invite-name">{t("name")}</label>
        <input id="invite-name" autoComplete="off" maxLength={100} {...form.register("name")} />
        {fieldError("name")}
      </div>
      <AssignmentFields form={form} roles={roles} boards={boards} schools={schools} serverErrors={result && !result.ok ? result.fieldErrors : undefined} />
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
