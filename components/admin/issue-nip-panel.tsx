"use client";
// Issues a NIP for one student and shows it once, with its live countdown and a copy button.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useFormatter, useTranslations } from "next-intl";
import { issueNipAction } from "@/app/admin/(back-office)/eleves/[id]/actions";
import { issueNipFromTicketAction } from "@/components/admin/ticket-fix-actions";
import { ActionAlert } from "@/components/admin/action-alert";
import { CopyButton } from "@/components/admin/copy-button";
import { errorsFor, StaffField } from "@/components/admin/staff-field";
import { Countdown } from "@/components/ui/countdown";
import { Dialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/safe-action";
import type { IssuedNipAnswer } from "@/lib/staff/issued-nip";
import { issueNipSchema, type IssueNipInput, type IssueNipOutput, type NipDelivery } from "@/lib/validations/staff";

type Issued = IssuedNipAnswer;

type Props = {
  studentId: number;
  recordEmails: string[];
  lifetimeMinutes: number;
  /** Pre-fills the typed address, e.g. with the account email of the parent whose attempt failed. */
  suggestedEmail?: string;
  hasActiveNip: boolean;
  /** Issued from a support ticket: the ticket gets a system note too (never the code). */
  ticketId?: string;
};

export function IssueNipPanel({ studentId, recordEmails, lifetimeMinutes, suggestedEmail = "", hasActiveNip, ticketId }: Props) {
  const t = useTranslations("admin.nip");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<Issued> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<IssueNipInput, unknown, IssueNipOutput>({
    resolver: zodResolver(issueNipSchema),
    defaultValues: {
      studentId,
      delivery: "screen",
      recordEmail: recordEmails[0] ?? "",
      typedEmail: suggestedEmail,
      typedEmailConfirmation: "",
    },
  });
  const delivery = form.watch("delivery") as NipDelivery;
  const errors = form.formState.errors;

  const submit = form.handleSubmit(() =>
    startTransition(async () => {
      // The raw values: the action parses them with the same schema (the resolver's output is a different shape).
      const outcome = ticketId ? await issueNipFromTicketAction(ticketId, form.getValues()) : await issueNipAction(form.getValues());
      setResult(outcome);
      if (outcome.ok) router.refresh();
    }),
  );

  if (result?.ok) return <IssuedNip issued={result.data} onAnother={() => setResult(null)} />;

  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <p className="muted">{t("explain", { minutes: lifetimeMinutes })}</p>
      {hasActiveNip && (
        <div className="alert alert-warn" role="status">
          {t("replacesActive")}
        </div>
      )}
      <ActionAlert result={result} />
      <fieldset className="stack">
        <legend>{t("deliveryLegend")}</legend>
        <label className="choice">
          <input type="radio" value="screen" {...form.register("delivery")} /> {t("deliveryScreen")}
        </label>
        <label className="choice">
          <input type="radio" value="record" disabled={recordEmails.length === 0} {...form.register("delivery")} />{" "}
          {recordEmails.length === 0 ? t("deliveryRecordNone") : t("deliveryRecord")}
        </label>
        {delivery === "record" && (
          <div className="field">
            <label htmlFor={`nip-record-email-${studentId}`}>{t("recordEmail")}</label>
            <select id={`nip-record-email-${studentId}`} {...form.register("recordEmail")}>
              {recordEmails.map((email) => (
                <option key={email} value={email}>
                  {email}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="choice">
          <input type="radio" value="typed" {...form.register("delivery")} /> {t("deliveryTyped")}
        </label>
        {delivery === "typed" && (
          <>
            <StaffField
              label={t("typedEmail")}
              hint={t("typedEmailHint")}
              type="email"
              inputMode="email"
              autoComplete="off"
              maxLength={254}
              errors={errorsFor(result, "typedEmail", errors.typedEmail?.message)}
              {...form.register("typedEmail")}
            />
            <StaffField
              label={t("typedEmailConfirmation")}
              type="email"
              inputMode="email"
              autoComplete="off"
              maxLength={254}
              errors={errorsFor(result, "typedEmailConfirmation", errors.typedEmailConfirmation?.message)}
              {...form.register("typedEmailConfirmation")}
            />
          </>
        )}
      </fieldset>
      <button type="submit" disabled={pending}>
        {t("issue")}
      </button>
    </form>
  );
}

function IssuedNip({ issued, onAnother }: { issued: Issued; onAnother: () => void }) {
  const t = useTranslations("admin.nip");
  const format = useFormatter();
  const [expired, setExpired] = useState(false);
  return (
    <div className="stack nip-issued" aria-live="polite">
      {issued.revokedPrevious && <p className="muted">{t("previousRevoked")}</p>}
      <p>{t("showOnce")}</p>
      <p className={`nip-code${expired ? " expired" : ""}`} aria-label={t("codeLabel")}>
        {issued.code}
      </p>
      <div className="row">
        <CopyButton value={issued.code} />
        {expired ? (
          <span className="badge badge-danger">{t("expired")}</span>
        ) : (
          <span>
            {t.rich("validUntil", {
              time: format.dateTime(new Date(issued.expiresAt), { hour: "2-digit", minute: "2-digit" }),
              remaining: () => <Countdown until={issued.expiresAt} onDone={() => setExpired(true)} />,
            })}
          </span>
        )}
      </div>
      {issued.emailedTo && <p>{t("emailedTo", { email: issued.emailedTo })}</p>}
      <p className="muted">{t("tellParent")}</p>
      <button type="button" className="secondary" onClick={onAnother}>
        {t("done")}
      </button>
    </div>
  );
}

/** The panel in a dialog, for "Why did it fail?". */
export function IssueNipDialog({ trigger, title, ...props }: Props & { trigger: string; title: string }) {
  const t = useTranslations("admin.nip");
  return (
    <Dialog trigger={trigger} title={title} closeLabel={t("close")}>
      {() => <IssueNipPanel {...props} />}
    </Dialog>
  );
}
