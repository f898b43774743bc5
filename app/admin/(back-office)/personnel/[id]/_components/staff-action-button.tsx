"use client";
// One button for a staff account action (reactivate, reset password, lift lockout, resend invitation).
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { SecurityAlert } from "@/components/admin/security-alert";
import {
  liftStaffLockoutAction,
  reactivateStaffAction,
  resendInvitationAction,
  startStaffPasswordResetAction,
} from "@/app/admin/(back-office)/personnel/actions";
import type { ActionResult } from "@/lib/safe-action";

const actions = {
  reactivate: reactivateStaffAction,
  resetPassword: startStaffPasswordResetAction,
  liftLockout: liftStaffLockoutAction,
  resendInvitation: resendInvitationAction,
} as const;

export function StaffActionButton({ staffId, action }: { staffId: string; action: keyof typeof actions }) {
  const t = useTranslations("staffAdmin.detail.actions");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="stack">
      <button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const outcome = await actions[action]({ staffId });
            setResult(outcome);
            if (outcome.ok) router.refresh();
          })
        }
      >
        {t(`${action}.button`)}
      </button>
      {result?.ok && (
        <div className="alert alert-ok" role="status">
          {t(`${action}.done`)}
        </div>
      )}
      <SecurityAlert result={result} />
    </div>
  );
}
