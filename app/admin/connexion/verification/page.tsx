import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/sign-out-button";
import { PasskeySecondStep } from "@/app/admin/connexion/_components/passkey-second-step";
import { SecondFactorForm } from "@/app/admin/connexion/_components/second-factor-form";
import { SignInShell } from "@/app/admin/connexion/_components/sign-in-shell";
import { currentStaffSigningIn } from "@/lib/auth/session";
import { pendingSignInStep } from "@/lib/staff/second-factor";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staffSecurity.verify"))("title") };
}

export default async function SecondFactorPage() {
  const context = await currentStaffSigningIn();
  if (!context) redirect("/admin/connexion");
  if (pendingSignInStep(context) !== "verify") redirect("/admin");
  const t = await getTranslations("staffSecurity.verify");
  return (
    <SignInShell>
      <h1>{t("title")}</h1>
      <p>{t("intro", { email: context.staff.email })}</p>
      <SecondFactorForm />
      {context.mfa.passkeys > 0 && <PasskeySecondStep />}
      <SignOutButton callbackUrl="/admin/connexion?deconnecte=1" />
    </SignInShell>
  );
}
