"use client";
// Answer the parent (by email, in their language, through the outbox) or write an internal note; a saved reply
// fills the text with the ticket's placeholders already replaced.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { addInternalNoteAction, replyToTicketAction } from "@/app/admin/(back-office)/demandes/[id]/actions";
import { ActionAlert } from "@/components/admin/action-alert";
import type { ActionResult } from "@/lib/safe-action";
import { staffReplySchema, type StaffReplyInput } from "@/lib/validations/support-desk";
import { TextAreaField } from "@/components/ui/text-field";

type SavedReplyOption = { id: number; title: string; body: string };

export function TicketReplyForm({ ticketId, savedReplies }: { ticketId: string; savedReplies: SavedReplyOption[] }) {
  const t = useTranslations("supportDesk.reply");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<StaffReplyInput>({ resolver: zodResolver(staffReplySchema), defaultValues: { ticketId, body: "", resolve: false } });
  const bodyError = form.formState.errors.body?.message ?? (result && !result.ok ? result.fieldErrors?.body?.[0] : undefined);

  const run = (kind: "reply" | "resolve" | "note") =>
    form.handleSubmit((values) =>
      startTransition(async () => {
        setDone(null);
        const outcome =
          kind === "note"
            ? await addInternalNoteAction({ ticketId, body: values.body })
            : await replyToTicketAction({ ticketId, body: values.body, resolve: kind === "resolve" });
        setResult(outcome);
        if (outcome.ok) {
          form.reset({ ticketId, body: "", resolve: false });
          setDone(t(kind === "note" ? "noteSaved" : "sent"));
          router.refresh();
        }
      }),
    )();

  return (
    <form method="post" onSubmit={(event) => event.preventDefault()} noValidate className="card stack" aria-label={t("label")}>
      <h2>{t("title")}</h2>
      <ActionAlert result={result} />
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      {savedReplies.length > 0 && (
        <div className="field">
          <label htmlFor="saved-reply">{t("savedReply")}</label>
          <select
            id="saved-reply"
            defaultValue=""
            onChange={(event) => {
              const chosen = savedReplies.find((r) => String(r.id) === event.target.value);
              if (chosen) form.setValue("body", chosen.body, { shouldValidate: true });
            }}
          >
            <option value="">{t("noSavedReply")}</option>
            {savedReplies.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <TextAreaField
        id="reply-body"
        label={t("body")}
        rows={8}
        maxLength={8000}
        errors={bodyError ? [bodyError] : undefined}
        {...form.register("body")}
      />
      <div className="row">
        <button type="button" disabled={pending} onClick={() => run("reply")}>
          {t("send")}
        </button>
        <button type="button" disabled={pending} onClick={() => run("resolve")}>
          {t("sendAndResolve")}
        </button>
        <button type="button" className="secondary" disabled={pending} onClick={() => run("note")}>
          {t("addNote")}
        </button>
      </div>
    </form>
  );
}
