"use client";
// "Use a passkey": proves one of the signed-in staff member's passkeys (step-up, or the second step of a sign-in).
import { useTranslations } from "next-intl";
import { passkeyProofOptionsAction, verifyPasskeyProofAction } from "@/components/admin/passkey-actions";
import { PasskeyCeremonyButton } from "@/components/admin/passkey-ceremony-button";

export function PasskeyProofButton({ onDone }: { onDone: (ok: boolean) => void }) {
  const t = useTranslations("staffSecurity.passkeys");
  return (
    <PasskeyCeremonyButton
      label={t("use")}
      failedText={t("failed")}
      options={passkeyProofOptionsAction}
      finish={async (response) => {
        const verified = await verifyPasskeyProofAction(response);
        onDone(verified.ok);
        return verified.ok;
      }}
    />
  );
}
