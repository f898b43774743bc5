"use client";
// The privacy officer's form for one register entry: description, risk assessment, notices, measures, status.
// Shown read-only to everyone else.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { updateIncidentAction } from "@/app/admin/(back-office)/incidents/actions";
import { IncidentAlert, IncidentField, IncidentSelect } from "@/components/admin/incident-fields";
import { errorsFor } from "@/components/admin/staff-field";
import type { ActionResult } from "@/lib/safe-action";
import { incidentUpdateSchema, type IncidentUpdate, type IncidentUpdateInput } from "@/lib/validations/incidents";

export type IncidentFormValues = Required<Omit<IncidentUpdateInput, "incidentId" | "status" | "seriousInjuryRisk">> & {
  incidentId: number;
  status: "open" | "closed";
  seriousInjuryRisk: "" | "yes" | "no";
};

export function IncidentForm({ values, editable }: { values: IncidentFormValues; editable: boolean }) {
  const t = useTranslations("incidents");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ changed: number }> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<IncidentUpdateInput, unknown, IncidentUpdate>({ resolver: zodResolver(incidentUpdateSchema), defaultValues: values });
  const errors = form.formState.errors;
  const field = (name: Exclude<keyof IncidentFormValues, "incidentId">) => ({
    label: t(`fields.${name}`),
    registration: form.register(name),
    errors: errorsFor(result, name, errors[name]?.message as string | undefined),
    disabled: !editable,
  });
  const submit = form.handleSubmit(() =>
    startTransition(async () => {
      // The raw values: the action parses them with the same schema.
      const outcome = await updateIncidentAction(form.getValues());
      setResult(outcome);
      if (outcome.ok) router.refresh();
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack" aria-label={t("entry", { id: values.incidentId })}>
      {!editable && <p className="alert alert-info">{t("readOnly")}</p>}
      <IncidentAlert result={result} />
      {result?.ok && (
        <p className="alert alert-ok" role="status">
          {t("saved", { count: result.data.changed })}
        </p>
      )}
      <fieldset className="card stack">
        <legend>{t("sections.description")}</legend>
        <IncidentField {...field("circumstances")} kind="textarea" />
        <IncidentField {...field("personalInformation")} kind="textarea" />
        <IncidentField {...field("personalInformationUndescribedReason")} kind="textarea" />
        <div className="filters">
          <IncidentField {...field("occurredFrom")} kind="date" />
          <IncidentField {...field("occurredTo")} kind="date" />
          <IncidentField {...field("discoveredOn")} kind="date" />
          <IncidentField {...field("peopleConcerned")} kind="number" />
        </div>
      </fieldset>
      <fieldset className="card stack">
        <legend>{t("sections.risk")}</legend>
        <IncidentField {...field("riskSensitivity")} kind="textarea" />
        <IncidentField {...field("riskMisuse")} kind="textarea" />
        <IncidentField {...field("riskConsequences")} kind="textarea" />
        <IncidentField {...field("riskLikelihood")} kind="textarea" />
        <IncidentSelect {...field("seriousInjuryRisk")}>
          <option value="">{t("riskChoices.unset")}</option>
          <option value="yes">{t("riskChoices.yes")}</option>
          <option value="no">{t("riskChoices.no")}</option>
        </IncidentSelect>
      </fieldset>
      <fieldset className="card stack">
        <legend>{t("sections.notices")}</legend>
        <div className="filters">
          <IncidentField {...field("commissionNotifiedOn")} kind="date" />
          <IncidentField {...field("peopleNotifiedOn")} kind="date" />
          <IncidentField {...field("publicNoticeOn")} kind="date" />
        </div>
        <IncidentField {...field("publicNoticeReason")} kind="textarea" />
      </fieldset>
      <fieldset className="card stack">
        <legend>{t("sections.measures")}</legend>
        <IncidentField {...field("measures")} kind="textarea" />
        <IncidentSelect {...field("status")}>
          <option value="open">{t("status.open")}</option>
          <option value="closed">{t("status.closed")}</option>
        </IncidentSelect>
      </fieldset>
      {editable && (
        <div>
          <button type="submit" disabled={pending}>
            {pending ? t("saving") : t("save")}
          </button>
        </div>
      )}
    </form>
  );
}
