"use client";
// "Sign in with a passkey": the browser offers this site's passkeys; next-auth's "staff-passkey" provider checks it.
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { passkeySignInOptionsAction } from "@/components/admin/passkey-actions";
import { PasskeyCeremonyButton } from "@/components/admin/passkey-ceremony-button";

export function PasskeySignInButton() {
  const t = useTranslations("staffSecurity.passkeys");
  const router = useRouter();
  return (
    <PasskeyCeremonyButton
      label={t("signIn")}
      failedText={t("signInFailed")}
      options={passkeySignInOptionsAction}
      finish={async (response) => {
        const result = await signIn("staff-passkey", { response: JSON.stringify(response), redirect: false });
        if (!result?.ok || result.error) return false;
        router.push("/admin");
        router.refresh();
        return true;
      }}
    />
  );
}
