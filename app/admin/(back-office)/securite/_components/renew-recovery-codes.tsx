"use client";
// Ten new recovery codes (the previous ones stop working); needs a fresh second factor.
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { renewRecoveryCodesAction } from "@/components/admin/second-factor-actions";
import { RecoveryCodes } from "@/components/admin/recovery-codes";
import { SecurityAlert } from "@/components/admin/security-alert";
import type { ActionResult } from "@/lib/safe-action";

export function RenewRecoveryCodes() {
  const t = useTranslations("staffSecurity.recovery");
  const [result, setResult] = useState<ActionResult<{ recoveryCodes: string[] }> | null>(null);
  const [pending, startTransition] = useTransition();
  if (result?.ok) return <RecoveryCodes codes={result.data.recoveryCodes} />;
  return (
    <div className="stack">
      <SecurityAlert result={result} />
      <button type="button" className="secondary" disabled={pending} onClick={() => startTransition(async () => setResult(await renewRecoveryCodesAction()))}>
        {t("renew")}
      </button>
    </div>
  );
}
