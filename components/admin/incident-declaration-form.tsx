"use client";
// Any staff member declares an incident (a NIP given to the wrong person, a fiche sent to the wrong address);
// the board's privacy officer is notified and completes the entry.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { declareIncidentAction } from "@/app/admin/(back-office)/incidents/actions";
import { IncidentAlert, IncidentField, IncidentSelect } from "@/components/admin/incident-fields";
import { errorsFor } from "@/components/admin/staff-field";
import type { ActionResult } from "@/lib/safe-action";
import { incidentDeclarationSchema, type IncidentDeclaration, type IncidentDeclarationInput } from "@/lib/validations/incidents";

export function IncidentDeclarationForm({ boards, today }: { boards: { id: number; name: string }[] | null; today: string }) {
  const t = useTranslations("incidents");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ incidentId: number }> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<IncidentDeclarationInput, unknown, IncidentDeclaration>({
    resolver: zodResolver(incidentDeclarationSchema),
    defaultValues: { boardId: "", circumstances: "", personalInformation: "", occurredFrom: "", occurredTo: "", discoveredOn: today, peopleConcerned: "" },
  });
  const errors = form.formState.errors;
  const field = (name: Exclude<keyof IncidentDeclarationInput, "boardId">) => ({
    label: t(`fields.${name}`),
    registration: form.register(name),
    errors: errorsFor(result, name, errors[name]?.message as string | undefined),
  });
  const submit = form.handleSubmit(() =>
    startTransition(async () => {
      const outcome = await declareIncidentAction(form.getValues());
      setResult(outcome);
      if (outcome.ok) router.push(`/admin/incidents/${outcome.data.incidentId}?declare=1`);
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="card stack">
      <IncidentAlert result={result} />
      {boards && (
        <IncidentSelect label={t("declareForm.board")} registration={form.register("boardId")} errors={errorsFor(result, "boardId", errors.boardId?.message)}>
          <option value="">{t("declareForm.chooseBoard")}</option>
          {boards.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </IncidentSelect>
      )}
      <IncidentField {...field("circumstances")} kind="textarea" />
      <IncidentField {...field("personalInformation")} kind="textarea" />
      <div className="filters">
        <IncidentField {...field("occurredFrom")} kind="date" />
        <IncidentField {...field("occurredTo")} kind="date" />
        <IncidentField {...field("discoveredOn")} kind="date" />
        <IncidentField {...field("peopleConcerned")} kind="number" />
      </div>
      <div>
        <button type="submit" disabled={pending}>
          {t("declareForm.submit")}
        </button>
      </div>
    </form>
  );
}
