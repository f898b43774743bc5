"use client";
// Replace, add or remove one guardian email of a student record, with the reason the audit log keeps.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { changeGuardianEmailAction } from "@/app/admin/(back-office)/eleves/[id]/actions";
import { changeGuardianEmailFromTicketAction } from "@/components/admin/ticket-fix-actions";
import { ActionAlert } from "@/components/admin/action-alert";
import { Dialog } from "@/components/ui/dialog";
import { errorsFor, StaffField, useStaffErrorText } from "@/components/admin/staff-field";
import type { ActionResult } from "@/lib/safe-action";
import { guardianEmailChangeSchema, type GuardianEmailChangeInput } from "@/lib/validations/staff";

type Target = { mode: "replace" | "remove"; guardianEmailId: number } | { mode: "add" };

type Props = {
  studentId: number;
  /** The record's current addresses; with `choose`, the form lets staff pick which one to replace. */
  emails: { id: number; email: string }[];
  initial: Target;
  choose?: boolean;
  defaultNewEmail?: string;
  defaultReason?: string;
  onClose: () => void;
  /** A change was saved. */
  onChanged?: () => void;
  /** Made from a support ticket: the ticket gets a system note too. */
  ticketId?: string;
};

type Done = { before: string | null; after: string | null; notified: string[] };

export function GuardianEmailForm({ studentId, emails, initial, choose = false, defaultNewEmail = "", defaultReason = "", onClose, onChanged, ticketId }: Props) {
  const t = useTranslations("admin.guardianEmails");
  const errorText = useStaffErrorText();
  const [result, setResult] = useState<ActionResult<Done> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<GuardianEmailChangeInput>({
    resolver: zodResolver(guardianEmailChangeSchema),
    defaultValues: { studentId, ...initial, newEmail: defaultNewEmail, reason: defaultReason } as GuardianEmailChangeInput,
  });
  const mode = form.watch("mode");
  const guardianEmailId = form.watch("guardianEmailId" as never) as unknown as number | undefined;
  const current = emails.find((e) => e.id === Number(guardianEmailId));
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;

  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = ticketId ? await changeGuardianEmailFromTicketAction(ticketId, values) : await changeGuardianEmailAction(values);
      setResult(outcome);
      if (outcome.ok) onChanged?.();
    }),
  );

  if (result?.ok) {
    return (
      <div className="stack">
        <div className="alert alert-ok" role="status">
          {t("done", { before: result.data.before ?? "—", after: result.data.after ?? "—" })}
        </div>
        {result.data.notified.length > 0 && <p>{t("notified", { addresses: result.data.notified.join(", ") })}</p>}
        <button type="button" onClick={onClose}>
          {t("close")}
        </button>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <ActionAlert result={result} />
      {choose && (
        <div className="field">
          <label htmlFor="guardian-email-target">{t("target")}</label>
          <select
            id="guardian-email-target"
            value={mode === "add" ? "new" : String(guardianEmailId)}
            onChange={(event) => {
              const value = event.target.value;
              if (value === "new") {
                form.setValue("mode", "add");
                form.setValue("guardianEmailId" as never, undefined as never);
              } else {
                form.setValue("mode", "replace");
                form.setValue("guardianEmailId" as never, Number(value) as never);
              }
            }}
          >
            {emails.map((e) => (
              <option key={e.id} value={e.id}>
                {t("replaceOption", { email: e.email })}
              </option>
            ))}
            <option value="new">{t("addOption")}</option>
          </select>
        </div>
      )}
      {mode === "remove" ? (
        <p>{t("removeConfirm", { email: current?.email ?? "" })}</p>
      ) : (
        <>
          {mode === "replace" && current && <p className="muted">{t("currentAddress", { email: current.email })}</p>}
          <StaffField
            label={mode === "add" ? t("newAddress") : t("replacementAddress")}
            type="email"
            inputMode="email"
            autoComplete="off"
            maxLength={254}
            errors={errorsFor(result, "newEmail", errors.newEmail?.message)}
            {...form.register("newEmail" as never)}
          />
        </>
      )}
      <div className="field">
        <label htmlFor="guardian-email-reason">{t("reason")}</label>
        <span id="guardian-email-reason-hint" className="hint">
          {t("reasonHint")}
        </span>
        <textarea
          id="guardian-email-reason"
          rows={3}
          maxLength={500}
          aria-describedby="guardian-email-reason-hint"
          aria-invalid={Boolean(errorsFor(result, "reason", errors.reason?.message)) || undefined}
          {...form.register("reason")}
        />
        {errorsFor(result, "reason", errors.reason?.message) && (
          <span className="error" role="alert">
            {errorsFor(result, "reason", errors.reason?.message)!.map(errorText).join(" ")}
          </span>
        )}
      </div>
      <p className="muted">{mode === "remove" ? t("noticeRemove") : t("notice")}</p>
      <div className="row">
        <button type="submit" className={mode === "remove" ? "danger" : undefined} disabled={pending}>
          {mode === "remove" ? t("submitRemove") : t("submit")}
        </button>
        <button type="button" className="secondary" onClick={onClose} disabled={pending}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

/** The form in a dialog, opened by a button: from the student page and from "Why did it fail?". */
export function GuardianEmailDialog({
  trigger,
  title,
  triggerClassName,
  ...props
}: Omit<Props, "onClose" | "onChanged"> & { trigger: string; title: string; triggerClassName?: string }) {
  const t = useTranslations("admin.guardianEmails");
  const router = useRouter();
  // The page is refreshed once the dialog closes, not when the change is saved: the refreshed page may no longer
  // offer this dialog (an attempt whose fix is done), and the confirmation must stay until it has been read.
  const changed = useRef(false);
  const refreshIfChanged = () => {
    if (!changed.current) return;
    changed.current = false;
    router.refresh();
  };
  return (
    <Dialog trigger={trigger} title={title} triggerClassName={triggerClassName} closeLabel={t("close")} onClosed={refreshIfChanged}>
      {(close) => <GuardianEmailForm {...props} onClose={close} onChanged={() => (changed.current = true)} />}
    </Dialog>
  );
}
