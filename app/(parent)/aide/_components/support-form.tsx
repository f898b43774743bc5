"use client";
// The support request form: the portal fills in the address, the browser, the topic and the failed step it knows.
import { useEffect, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { sendSupportRequestAction } from "@/app/(parent)/aide/actions";
import { FormAlert } from "@/components/ui/form-alert";
import { TextAreaField, TextField } from "@/components/ui/text-field";

import type { ActionResult } from "@/lib/safe-action";
import { allowedAttachmentTypes, MAX_ATTACHMENTS } from "@/lib/support/attachment-rules";
import { ticketTopics, type FailedStep, type TicketTopic } from "@/lib/support/topics";
import { supportRequestSchema, type SupportRequestInput } from "@/lib/validations/support";

type Props = {
  email: string | null;
  topic: TicketTopic;
  boards: { id: number; name: string }[];
  failedStep: FailedStep | null;
  failedAt: string | null;
  /** The failed step and its time, as a sentence for the parent to see. */
  failedLabel: string | null;
};

const attachmentProblems = ["tooManyAttachments", "attachmentTooLarge", "attachmentType", "attachmentEmpty"];

export function SupportForm({ email, topic, boards, failedStep, failedAt, failedLabel }: Props) {
  const t = useTranslations("help.form");
  const tv = useTranslations("validation");
  const [result, setResult] = useState<ActionResult<{ reference: string }> | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [pending, startTransition] = useTransition();
  const form = useForm<SupportRequestInput>({
    resolver: zodResolver(supportRequestSchema),
    defaultValues: {
      email: email ?? "",
      topic,
      message: "",
      childName: "",
      boardId: "",
      schoolText: "",
      fiche: "",
      errorMessage: "",
      browser: "",
      failedStep: failedStep ?? "",
      failedAt: failedAt ?? "",
      attachments: [],
    },
  });
  useEffect(() => form.setValue("browser", navigator.userAgent.slice(0, 300)), [form]);
  const errors = form.formState.errors;
  const fieldError = (name: keyof SupportRequestInput) => {
    const client = errors[name]?.message;
    if (client) return [client];
    return result && !result.ok ? result.fieldErrors?.[name] : undefined;
  };
  if (result?.ok) {
    return (
      <div className="alert alert-ok" role="status">
        {t("sent", { reference: result.data.reference })}
      </div>
    );
  }
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const data = new FormData();
      for (const [key, value] of Object.entries(values)) {
        if (key !== "attachments" && value !== undefined && value !== null) data.set(key, String(value));
      }
      for (const file of files) data.append("attachments", file);
      setResult(await sendSupportRequestAction(data));
    }),
  );
  const messageErrors = fieldError("message");
  const attachmentErrors = fieldError("attachments");
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <FormAlert result={result} />
      {failedLabel && (
        <p className="alert" data-testid="failed-step">
          {failedLabel}
        </p>
      )}
      <TextField label={t("email")} type="email" autoComplete="email" readOnly={Boolean(email)} errors={fieldError("email")} {...form.register("email")} />
      <div className="field">
        <label htmlFor="support-topic">{t("topic")}</label>
        <select id="support-topic" {...form.register("topic")}>
          {ticketTopics.map((s) => (
            <option key={s} value={s}>
              {t(`topics.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField label={t("childName")} hint={t("childNameHint")} maxLength={200} errors={fieldError("childName")} {...form.register("childName")} />
      <div className="field">
        <label htmlFor="support-board">{t("board")}</label>
        <select id="support-board" {...form.register("boardId")}>
          <option value="">{t("boardUnknown")}</option>
          {boards.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <TextField label={t("school")} maxLength={200} errors={fieldError("schoolText")} {...form.register("schoolText")} />
      <TextField label={t("fiche")} hint={t("ficheHint")} maxLength={20} errors={fieldError("fiche")} {...form.register("fiche")} />
      <TextField label={t("errorMessage")} hint={t("errorMessageHint")} maxLength={500} errors={fieldError("errorMessage")} {...form.register("errorMessage")} />
      <TextAreaField id="support-message" label={t("message")} rows={5} maxLength={4000} errors={messageErrors} {...form.register("message")} />
      <div className="field">
        <label htmlFor="support-attachments">{t("attachments")}</label>
        <span id="support-attachments-hint" className="hint">
          {t("attachmentsHint", { max: MAX_ATTACHMENTS })}
        </span>
        <input
          id="support-attachments"
          type="file"
          multiple
          accept={allowedAttachmentTypes.join(",")}
          aria-describedby={`support-attachments-hint${attachmentErrors ? " support-attachments-error" : ""}`}
          aria-invalid={Boolean(attachmentErrors) || undefined}
          onChange={(event) => {
            const chosen = Array.from(event.target.files ?? []);
            setFiles(chosen);
            form.setValue("attachments", chosen, { shouldValidate: true });
          }}
        />
        {attachmentErrors && (
          <span id="support-attachments-error" className="error" role="alert">
            {attachmentErrors.map((k) => (attachmentProblems.includes(k) ? t(`attachmentErrors.${k}` as never, { max: MAX_ATTACHMENTS } as never) : tv("invalid"))).join(" ")}
          </span>
        )}
      </div>
      <TextField label={t("browser")} hint={t("browserHint")} maxLength={300} errors={fieldError("browser")} {...form.register("browser")} />
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
