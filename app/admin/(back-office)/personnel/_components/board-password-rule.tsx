"use client";
// A board's setting: how many kinds of character (of four) its passwords must mix; none by default.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { SecurityAlert } from "@/components/admin/security-alert";
import { setBoardPasswordRuleAction } from "@/app/admin/(back-office)/personnel/actions";
import type { ActionResult } from "@/lib/safe-action";

const choices = [0, 1, 2, 3, 4] as const;

export function BoardPasswordRule({ board, signupUrl }: { board: { id: number; name: string; passwordMinClasses: number }; signupUrl: string }) {
  const t = useTranslations("staffAdmin.passwordRule");
  const router = useRouter();
  const [minClasses, setMinClasses] = useState(board.passwordMinClasses);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldId = `password-rule-${board.id}`;
  return (
    <li className="stack">
      <form method="post"
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const outcome = await setBoardPasswordRuleAction({ boardId: board.id, minClasses });
            setResult(outcome);
            if (outcome.ok) router.refresh();
          });
        }}
      >
        <label htmlFor={fieldId}>{t("label", { board: board.name })}</label>
        <select id={fieldId} value={minClasses} onChange={(event) => setMinClasses(Number(event.target.value))}>
          {choices.map((value) => (
            <option key={value} value={value}>
              {t(`option${value}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary" disabled={pending}>
          {t("save")}
        </button>
      </form>
      <p className="muted small">
        {t("signupLink")} <code>{signupUrl}</code>
      </p>
      {result?.ok && (
        <p role="status" className="alert alert-ok">
          {t("saved")}
        </p>
      )}
      <SecurityAlert result={result} />
    </li>
  );
}
