"use client";
// Shown in place of an error when a sensitive action needs a fresh second factor: says why, takes a code
// (authenticator app or recovery code) or a passkey, then asks the staff member to repeat the action.
import { useId, useState, useTransition } from "react";
import { StaffLink } from "@/components/admin/staff-link";
import { useTranslations } from "next-intl";
import { confirmStepUpAction } from "@/components/admin/step-up-actions";
import { PasskeyProofButton } from "@/components/admin/passkey-proof-button";
import type { ActionResult } from "@/lib/safe-action";

export function StepUpPrompt({ reason, passkey = false }: { reason?: string; passkey?: boolean }) {
  const t = useTranslations("staffSecurity.stepUp");
  const errors = useTranslations("staffSecurity.errors");
  // Several prompts may be open on one page (a board's settings each ask for their own), so each field has its own id.
  const codeId = useId();
  const [code, setCode] = useState("");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const why = reason && t.has(`why.${reason}` as never) ? t(`why.${reason}` as never) : t("why.default");

  if (result?.ok) {
    return (
      <div className="alert alert-ok" role="status">
        {t("confirmed")}
      </div>
    );
  }
  const error = result && !result.ok ? (result.error ?? "unexpected") : null;
  return (
    <div className="alert alert-info stack" role="alert" data-testid="step-up">
      <strong>{t("title")}</strong>
      <p>{why}</p>
      {error && (
        <p className="error">
          {errors.has(error as never) ? errors(error as never) : errors("unexpected")}{" "}
          {error === "noSecondFactor" && <StaffLink href="/admin/securite">{t("setUpLink")}</StaffLink>}
        </p>
      )}
      <div className="row">
        <div className="field">
          <label htmlFor={codeId}>{t("codeLabel")}</label>
          <input
            id={codeId}
            autoComplete="one-time-code"
            inputMode="text"
            maxLength={40}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <button
          type="button"
          disabled={pending || code.trim() === ""}
          onClick={() => startTransition(async () => setResult(await confirmStepUpAction({ code })))}
        >
          {t("confirm")}
        </button>
      </div>
      {passkey && <PasskeyProofButton onDone={(ok) => setResult(ok ? { ok: true, data: undefined } : { ok: false, error: "passkeyFailed" })} />}
    </div>
  );
}
