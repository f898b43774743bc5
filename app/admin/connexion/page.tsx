import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EntraSignInButton } from "@/components/admin/entra-sign-in-button";
import { SignInForm } from "@/components/sign-in-form";
import { PasskeySignInButton } from "@/components/admin/passkey-sign-in-button";
import { entraConfigured } from "@/lib/auth/entra";
import { currentStaff, currentStaffSigningIn } from "@/lib/auth/session";
import { pendingSignInStep } from "@/lib/staff/second-factor";
import { SignInShell } from "./_components/sign-in-shell";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.signIn"))("title") };
}

type Search = { deconnecte?: string; error?: string; active?: string; motdepasse?: string };

export default async function StaffSignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (await currentStaff()) redirect("/admin");
  const signingIn = await currentStaffSigningIn();
  const step = signingIn ? pendingSignInStep(signingIn) : null;
  if (step === "verify") redirect("/admin/connexion/verification");
  if (step === "enrol") redirect("/admin/connexion/double-authentification");
  const linkNotice = await getTranslations("staffSecurity.link");
  const t = await getTranslations("admin.signIn");
  const search = await searchParams;
  return (
    <SignInShell>
      <h1>{t("title")}</h1>
      {search.deconnecte && (
        <div className="alert alert-info" role="status">
          {t("signedOut")}
        </div>
      )}
      {(search.active || search.motdepasse) && (
        <div className="alert alert-ok" role="status">
          {search.active ? linkNotice("activated") : linkNotice("passwordChanged")}
        </div>
      )}
      {search.error && (
        <div className="alert alert-error" role="alert">
          {t("providerRefused")}
        </div>
      )}
      <p>{t("intro")}</p>
      <SignInForm provider="staff" redirectTo="/admin" />
      <p className="muted">{t("or")}</p>
      <PasskeySignInButton />
      {entraConfigured && (
        <>
          <p className="muted">{t("or")}</p>
          <EntraSignInButton />
        </>
      )}
      <p className="muted">{t("forgot")}</p>
      <p>
        <Link href="/connexion">{t("parentLink")}</Link>
      </p>
    </SignInShell>
  );
}
