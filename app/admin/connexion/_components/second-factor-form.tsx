"use client";
// Second step of a staff sign-in: a code from the authenticator app, or one of the recovery codes.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { verifySignInAction } from "@/components/admin/second-factor-actions";
import { SecurityAlert } from "@/components/admin/security-alert";
import type { ActionResult } from "@/lib/safe-action";

export function SecondFactorForm() {
  const t = useTranslations("staffSecurity.verify");
  const router = useRouter();
  const [code, setCode] = useState("");
  const [result, setResult] = useState<ActionResult<{ recoveryCodesLeft: number | null }> | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form method="post"
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const outcome = await verifySignInAction({ code });
          setResult(outcome);
          if (outcome.ok) {
            router.replace("/admin");
            router.refresh();
          }
        });
      }}
    >
      <SecurityAlert result={result} />
      {result?.ok && result.data.recoveryCodesLeft !== null && (
        <div className="alert alert-info" role="status">
          {t("recoveryLeft", { count: result.data.recoveryCodesLeft })}
        </div>
      )}
      <div className="field">
        <label htmlFor="second-factor-code">{t("codeLabel")}</label>
        <span id="second-factor-hint" className="hint">
          {t("codeHint")}
        </span>
        <input
          id="second-factor-code"
          aria-describedby="second-factor-hint"
          autoComplete="one-time-code"
          autoFocus
          maxLength={40}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </div>
      <button type="submit" disabled={pending || code.trim() === ""}>
        {t("submit")}
      </button>
    </form>
  );
}
