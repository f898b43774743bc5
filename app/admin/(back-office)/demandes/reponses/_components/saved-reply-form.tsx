"use client";
// Create a saved reply (board support: for their board; admins: for a board or every board), or delete one.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { createSavedReplyAction, deleteSavedReplyAction } from "@/app/admin/(back-office)/demandes/[id]/actions";
import { ActionAlert } from "@/components/admin/action-alert";
import { errorsFor, StaffField } from "@/components/admin/staff-field";
import type { ActionResult } from "@/lib/safe-action";
import { savedReplySchema, type SavedReplyFormInput } from "@/lib/validations/support-desk";

type Props = { mode: "create"; boards: { id: number; name: string }[] } | { mode: "delete"; id: number };

export function SavedReplyForm(props: Props) {
  const t = useTranslations("supportDesk.saved");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<SavedReplyFormInput>({ resolver: zodResolver(savedReplySchema), defaultValues: { boardId: "", title: "", body: "", locale: "fr" } });
  if (props.mode === "delete") {
    return (
      <div className="stack">
        <ActionAlert result={result} />
        <button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const outcome = await deleteSavedReplyAction({ id: props.id });
              setResult(outcome);
              if (outcome.ok) router.refresh();
            })
          }
        >
          {t("delete")}
        </button>
      </div>
    );
  }
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await createSavedReplyAction(values);
      setResult(outcome);
      if (outcome.ok) {
        form.reset();
        router.refresh();
      }
    }),
  );
  return (
    <form method="post" onSubmit={submit} noValidate className="card stack" aria-label={t("create")}>
      <h2>{t("create")}</h2>
      <ActionAlert result={result} />
      {props.boards.length > 0 && (
        <div className="field">
          <label htmlFor="saved-board">{t("board")}</label>
          <select id="saved-board" {...form.register("boardId")}>
            <option value="">{t("allBoards")}</option>
            {props.boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <StaffField label={t("titleLabel")} errors={errorsFor(result, "title", errors.title?.message)} maxLength={120} {...form.register("title")} />
      <div className="field">
        <label htmlFor="saved-locale">{t("locale")}</label>
        <select id="saved-locale" {...form.register("locale")}>
          <option value="fr">Français</option>
          <option value="en">English</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="saved-body">{t("body")}</label>
        <textarea id="saved-body" rows={8} maxLength={8000} {...form.register("body")} />
        {errors.body?.message && (
          <span className="error" role="alert">
            {t("bodyError")}
          </span>
        )}
      </div>
      <button type="submit" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
