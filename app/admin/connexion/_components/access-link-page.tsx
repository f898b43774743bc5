// The page behind an invitation or reset link: the form while the link is valid, otherwise why it is not.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccessLinkForm } from "@/app/admin/connexion/_components/access-link-form";
import { SignInShell } from "@/app/admin/connexion/_components/sign-in-shell";
import { accessLinkState, type AccessLinkKind } from "@/db/queries/staff-admin";
import { passwordPolicyForStaff, platformPasswordPolicy } from "@/db/queries/password-policy";

export async function AccessLinkPage({ kind, token }: { kind: AccessLinkKind; token: string }) {
  const t = await getTranslations("staffSecurity.link");
  const state = await accessLinkState(kind, token);
  const policy = state.ok ? await passwordPolicyForStaff(state.staffUserId) : platformPasswordPolicy;
  return (
    <SignInShell>
      <h1>{kind === "invitation" ? t("invitationTitle") : t("resetTitle")}</h1>
      {state.ok ? (
        <>
          <p>{kind === "invitation" ? t("invitationIntro", { name: state.name, email: state.email }) : t("resetIntro", { email: state.email })}</p>
          <AccessLinkForm kind={kind} token={token} email={state.email} policy={policy} />
        </>
      ) : (
        <>
          <div className="alert alert-error" role="alert">
            {t(state.reason)}
          </div>
          <p>
            <Link href="/admin/connexion">{t("toSignIn")}</Link>
          </p>
        </>
      )}
    </SignInShell>
  );
}
