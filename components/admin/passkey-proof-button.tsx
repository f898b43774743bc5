"use client";
// "Use a passkey": proves one of the signed-in staff member's passkeys (step-up, or the second step of a sign-in).
import { useState, useTransition } from "react";
import { startAuthentication } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { passkeyProofOptionsAction, verifyPasskeyProofAction } from "@/components/admin/passkey-actions";

export function PasskeyProofButton({ onDone }: { onDone: (ok: boolean) => void }) {
  const t = useTranslations("staffSecurity.passkeys");
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);
  return (
    <div className="stack">
      <button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const options = await passkeyProofOptionsAction();
            if (!options.ok) return setFailed(true);
            try {
              const response = await startAuthentication({ optionsJSON: options.data });
              const verified = await verifyPasskeyProofAction(response);
              setFailed(!verified.ok);
              onDone(verified.ok);
            } catch {
              setFailed(true);
            }
          })
        }
      >
        {t("use")}
      </button>
      {failed && (
        <p className="error" role="alert">
          {t("failed")}
        </p>
      )}
    </div>
  );
}
