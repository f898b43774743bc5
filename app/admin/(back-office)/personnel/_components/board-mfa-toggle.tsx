"use client";
// A board's setting: whether its secretaries must use a second factor.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { SecurityAlert } from "@/components/admin/security-alert";
import { setSecretaryMfaAction } from "@/app/admin/(back-office)/personnel/actions";
import type { ActionResult } from "@/lib/safe-action";

export function BoardMfaToggle({ board }: { board: { id: number; name: string; secretaryMfaRequired: boolean } }) {
  const t = useTranslations("staffAdmin.boards");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const required = board.secretaryMfaRequired;
  return (
    <li className="stack">
      <div className="row">
        <span>
          <strong>{board.name}</strong> — {required ? t("required") : t("optional")}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const outcome = await setSecretaryMfaAction({ boardId: board.id, required: !required });
              setResult(outcome);
              if (outcome.ok) router.refresh();
            })
          }
        >
          {required ? t("makeOptional") : t("makeRequired")}
        </button>
      </div>
      <SecurityAlert result={result} />
    </li>
  );
}
