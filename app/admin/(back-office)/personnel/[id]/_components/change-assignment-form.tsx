"use client";
// Change a staff member's role, board or schools.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { SecurityAlert } from "@/components/admin/security-alert";
import { AssignmentFields, type BoardOption, type SchoolOption } from "@/app/admin/(back-office)/personnel/_components/assignment-fields";
import { changeAssignmentAction } from "@/app/admin/(back-office)/personnel/actions";
import type { ActionResult } from "@/lib/safe-action";
import { changeAssignmentSchema, type ChangeAssignmentInput } from "@/lib/validations/staff-admin";

type Props = {
  staffId: string;
  current: { role: string; boardId: number | null; schoolIds: number[] };
  roles: string[];
  boards: BoardOption[];
  schools: SchoolOption[];
};

export function ChangeAssignmentForm({ staffId, current, roles, boards, schools }: Props) {
  const t = useTranslations("staffAdmin.detail");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<ChangeAssignmentInput>({
    resolver: zodResolver(changeAssignmentSchema),
    defaultValues: {
      staffId,
      role: current.role as ChangeAssignmentInput["role"],
      boardId: current.boardId === null ? "" : String(current.boardId),
      schoolIds: current.schoolIds.map(String),
    },
  });
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await changeAssignmentAction(values);
      setResult(outcome);
      if (outcome.ok) router.refresh();
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      {result?.ok && (
        <div className="alert alert-ok" role="status">
          {t("changed")}
        </div>
      )}
      <SecurityAlert result={result} />
      <AssignmentFields form={form} roles={roles} boards={boards} schools={schools} serverErrors={result && !result.ok ? result.fieldErrors : undefined} />
      <button type="submit" disabled={pending}>
        {t("saveAssignment")}
      </button>
    </form>
  );
}
