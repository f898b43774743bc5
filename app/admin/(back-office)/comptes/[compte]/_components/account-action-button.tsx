"use client";
// One confirmed account action (lift the lockout, send a reset link): a button, a confirmation, the outcome.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { liftLockoutAction, startPasswordResetAction } from "@/app/admin/(back-office)/comptes/[compte]/actions";
import { AccountActionAlert } from "@/components/admin/account-action-alert";
import type { ActionResult } from "@/lib/safe-action";

const actions = { liftLockout: liftLockoutAction, startReset: startPasswordResetAction } as const;

type Props = {
  kind: keyof typeof actions;
  accountId: string;
  email: string;
  /** Whether the action applies now; the component stays mounted anyway, to show the outcome after the refresh. */
  available?: boolean;
};

export function AccountActionButton({ kind, accountId, email, available = true }: Props) {
  const t = useTranslations(`adminAccounts.actions.${kind}`);
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      const outcome = await actions[kind]({ accountId });
      setResult(outcome);
      setConfirming(false);
      if (outcome.ok) router.refresh();
    });
  return (
    <div className="stack">
      {result?.ok && (
        <p className="alert alert-ok" role="status">
          {t("done", { email })}
        </p>
      )}
      <AccountActionAlert result={result} />
      {!available ? null : confirming ? (
        <div className="stack">
          <p>{t("confirm", { email })}</p>
          <div className="row">
            <button type="button" onClick={run} disabled={pending}>
              {t("confirmButton")}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={pending}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t("button")}
          </button>
        </div>
      )}
    </div>
  );
}
