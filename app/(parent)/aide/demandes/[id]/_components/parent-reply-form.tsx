"use client";
// The parent's answer to support, on the ticket's page.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { replyAsParentAction } from "@/app/(parent)/aide/demandes/actions";
import { FormAlert } from "@/components/ui/form-alert";
import type { ActionResult } from "@/lib/safe-action";
import { parentReplySchema, type ParentReplyInput } from "@/lib/validations/support";
import { TextAreaField } from "@/components/ui/text-field";

export function ParentReplyForm({ ticketId, resolved }: { ticketId: string; resolved: boolean }) {
  const t = useTranslations("supportRequests");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<{ reopened: boolean }> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<ParentReplyInput>({ resolver: zodResolver(parentReplySchema), defaultValues: { ticketId, body: "" } });
  const error = form.formState.errors.body?.message ?? (result && !result.ok ? result.fieldErrors?.body?.[0] : undefined);
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await replyAsParentAction(values);
      setResult(outcome);
      if (outcome.ok) {
        form.reset({ ticketId, body: "" });
        router.refresh();
      }
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="stack">
      <h2>{t("replyTitle")}</h2>
      {resolved && <p className="muted">{t("resolvedHint")}</p>}
      <FormAlert result={result} />
      {result?.ok && (
        <p className="alert alert-ok" role="status">
          {t("replySent")}
        </p>
      )}
      <TextAreaField
        id="parent-reply"
        label={t("replyLabel")}
        rows={5}
        maxLength={4000}
        errors={error ? [error] : undefined}
        {...form.register("body")}
      />
      <button type="submit" disabled={pending}>
        {t("replySubmit")}
      </button>
    </form>
  );
}
