import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/sign-out-button";
import { TotpEnrolment } from "@/components/admin/totp-enrolment";
import { PasskeyList } from "@/components/admin/passkey-list";
import { SignInShell } from "@/app/admin/connexion/_components/sign-in-shell";
import { currentStaffSigningIn } from "@/lib/auth/session";
import { pendingSignInStep } from "@/lib/staff/second-factor";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staffSecurity.enrol"))("title") };
}

/** A role (or the board's setting) requires a second factor and the staff member has none yet. */
export default async function RequiredEnrolmentPage() {
  const context = await currentStaffSigningIn();
  if (!context) redirect("/admin/connexion");
  if (pendingSignInStep(context) !== "enrol") redirect("/admin");
  const t = await getTranslations("staffSecurity.enrol");
  return (
    <SignInShell>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <TotpEnrolment continueHref="/admin" />
      <h2>{t("orPasskey")}</h2>
      <PasskeyList passkeys={[]} />
      <SignOutButton callbackUrl="/admin/connexion?deconnecte=1" />
    </SignInShell>
  );
}
