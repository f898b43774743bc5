"use client";
// One button that runs a WebAuthn authentication ceremony: fetch the server's options, let the browser prove a
// passkey, hand the proof to `finish`. Any refusal along the way (no options, cancelled, not verified) shows `failedText`.
import { useState, useTransition } from "react";
import { startAuthentication, type AuthenticationResponseJSON } from "@simplewebauthn/browser";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import type { ActionResult } from "@/lib/safe-action";

type Props = {
  label: string;
  failedText: string;
  options: () => Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>>;
  /** Resolves true when the proof was accepted. */
  finish: (response: AuthenticationResponseJSON) => Promise<boolean>;
};

export function PasskeyCeremonyButton({ label, failedText, options, finish }: Props) {
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);
  const run = () =>
    startTransition(async () => {
      setFailed(false);
      const requested = await options();
      if (!requested.ok) return setFailed(true);
      try {
        const response = await startAuthentication({ optionsJSON: requested.data });
        setFailed(!(await finish(response)));
      } catch {
        setFailed(true);
      }
    });
  return (
    <div className="stack">
      <button type="button" className="secondary" disabled={pending} onClick={run}>
        {label}
      </button>
      {failed && (
        <div className="alert alert-error" role="alert">
          {failedText}
        </div>
      )}
    </div>
  );
}
