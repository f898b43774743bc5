"use client";
// TOTP enrolment: QR code (and the secret as text), a first code to confirm, then the ten recovery codes once.
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { confirmTotpEnrolmentAction, startTotpEnrolmentAction, type TotpSetup } from "@/components/admin/second-factor-actions";
import { SecurityAlert } from "@/components/admin/security-alert";
import { RecoveryCodes } from "@/components/admin/recovery-codes";
import type { ActionResult } from "@/lib/safe-action";

export function TotpEnrolment({ continueHref, startLabel }: { continueHref: string; startLabel?: string }) {
  const t = useTranslations("staffSecurity.totp");
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();

  if (codes) return <RecoveryCodes codes={codes} continueHref={continueHref} />;

  if (!setup) {
    return (
      <div className="stack">
        <SecurityAlert result={result} />
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const started = await startTotpEnrolmentAction();
              setResult(started);
              if (started.ok) setSetup(started.data);
            })
          }
        >
          {startLabel ?? t("start")}
        </button>
      </div>
    );
  }

  return (
    <form method="post"
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const confirmed = await confirmTotpEnrolmentAction({ code });
          setResult(confirmed);
          if (confirmed.ok) setCodes(confirmed.data.recoveryCodes);
        });
      }}
    >
      <ol className="stack">
        <li>{t("step1")}</li>
        <li>
          {t("step2")}
          <div>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn on the server */}
            <img src={setup.qrDataUrl} alt={t("qrAlt")} width={200} height={200} />
          </div>
          <p className="muted">
            {t("manual")} <code className="mono" data-testid="totp-secret">{setup.secret}</code>
          </p>
        </li>
        <li>{t("step3")}</li>
      </ol>
      <SecurityAlert result={result} />
      <div className="field">
        <label htmlFor="totp-confirm-code">{t("codeLabel")}</label>
        <input
          id="totp-confirm-code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={12}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </div>
      <button type="submit" disabled={pending}>
        {t("confirm")}
      </button>
    </form>
  );
}
