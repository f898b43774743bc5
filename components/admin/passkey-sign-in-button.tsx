"use client";
// "Sign in with a passkey": the browser offers this site's passkeys; next-auth's "staff-passkey" provider checks it.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { startAuthentication } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { passkeySignInOptionsAction } from "@/components/admin/passkey-actions";

export function PasskeySignInButton() {
  const t = useTranslations("staffSecurity.passkeys");
  const router = useRouter();
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
            setFailed(false);
            const options = await passkeySignInOptionsAction();
            if (!options.ok) return setFailed(true);
            try {
              const response = await startAuthentication({ optionsJSON: options.data });
              const result = await signIn("staff-passkey", { response: JSON.stringify(response), redirect: false });
              if (result?.ok && !result.error) {
                router.push("/admin");
                router.refresh();
              } else setFailed(true);
            } catch {
              setFailed(true);
            }
          })
        }
      >
        {t("signIn")}
      </button>
      {failed && (
        <div className="alert alert-error" role="alert">
          {t("signInFailed")}
        </div>
      )}
    </div>
  );
}
