"use client";
// Relinking: link another record to the ticket by its fiche, or unlink one.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { linkTicketStudentAction } from "@/app/admin/(back-office)/demandes/[id]/actions";
import { ActionAlert } from "@/components/admin/action-alert";
import { errorsFor, StaffField } from "@/components/admin/staff-field";
import type { ActionResult } from "@/lib/safe-action";
import { linkFicheSchema, type LinkFicheInput } from "@/lib/validations/support-desk";

export function TicketLinkStudent(props: { ticketId: string } | { ticketId: string; unlinkStudentId: number; name: string }) {
  const t = useTranslations("supportDesk.records");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<LinkFicheInput>({ resolver: zodResolver(linkFicheSchema), defaultValues: { ticketId: props.ticketId, fiche: "" } });
  const run = (input: unknown) =>
    startTransition(async () => {
      const outcome = await linkTicketStudentAction(input);
      setResult(outcome);
      if (outcome.ok) {
        form.reset({ ticketId: props.ticketId, fiche: "" });
        router.refresh();
      }
    });
  if ("unlinkStudentId" in props) {
    return (
      <>
        <ActionAlert result={result} />
        <button type="button" className="secondary" disabled={pending} onClick={() => run({ ticketId: props.ticketId, unlinkStudentId: props.unlinkStudentId })}>
          {t("unlink", { name: props.name })}
        </button>
      </>
    );
  }
  return (
    <form method="post" onSubmit={form.handleSubmit((values) => run(values))} noValidate className="stack">
      <ActionAlert result={result} />
      <StaffField label={t("linkFiche")} maxLength={20} inputMode="numeric" errors={errorsFor(result, "fiche", form.formState.errors.fiche?.message)} {...form.register("fiche")} />
      <button type="submit" disabled={pending}>
        {t("link")}
      </button>
    </form>
  );
}
