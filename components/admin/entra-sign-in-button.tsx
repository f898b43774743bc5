"use client";
// Staff sign-in through Microsoft Entra ID; shown only when the provider is configured.
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

export function EntraSignInButton() {
  const t = useTranslations("admin.signIn");
  return (
    <button type="button" className="secondary" onClick={() => signIn("azure-ad", { callbackUrl: "/admin" })}>
      {t("microsoft")}
    </button>
  );
}
