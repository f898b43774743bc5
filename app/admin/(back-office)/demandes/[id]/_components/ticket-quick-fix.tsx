"use client";
// One-click fixes of the ticket's side panels (send the fiche to an address on record, lift a sign-in lockout).
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { liftLockoutFromTicketAction, sendFicheFromTicketAction } from "@/components/admin/ticket-fix-actions";
import { ActionAlert } from "@/components/admin/action-alert";
import type { ActionResult } from "@/lib/safe-action";

type Props =
  | { kind: "sendFiche"; ticketId: string; studentId: number; guardianEmailId: number; email: string }
  | { kind: "liftLockout"; ticketId: string; accountId: string };

export function TicketQuickFix(props: Props) {
  const t = useTranslations("supportDesk.fixes");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const label = props.kind === "sendFiche" ? t("sendFiche", { email: props.email }) : t("liftLockout");
  return (
    <div className="stack">
      <ActionAlert result={result} />
      {result?.ok && (
        <p className="alert alert-ok" role="status">
          {t("done")}
        </p>
      )}
      <button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const outcome =
              props.kind === "sendFiche"
                ? await sendFicheFromTicketAction(props.ticketId, { studentId: props.studentId, guardianEmailId: props.guardianEmailId })
                : await liftLockoutFromTicketAction(props.ticketId, { accountId: props.accountId });
            setResult(outcome);
            if (outcome.ok) router.refresh();
          })
        }
      >
        {label}
      </button>
    </div>
  );
}
