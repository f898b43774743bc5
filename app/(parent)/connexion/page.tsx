import Link from "next/link";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/sign-in-form";
import { currentParent } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signin"))("title") };
}

type Search = { compte?: string; motdepasse?: string; deconnecte?: string; session?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (await currentParent()) redirect("/enfants");
  const t = await getTranslations("auth.signin");
  const search = await searchParams;
  const notice = search.compte
    ? t("accountCreated")
    : search.motdepasse
      ? t("passwordChanged")
      : search.deconnecte
        ? t("signedOut")
        : search.session
          ? t("sessionEnded")
          : null;
  return (
    <main id="main" className="container">
      <div className="card stack">
        <h1>{t("title")}</h1>
        {notice && (
          <div className="alert alert-info" role="status">
            {notice}
          </div>
        )}
        <p>{t("intro")}</p>
        <SignInForm provider="parent" redirectTo="/enfants" prefillRememberedEmail={Boolean(search.compte || search.motdepasse)} />
        <p>
          <Link href="/mot-de-passe-oublie">{t("forgot")}</Link>
        </p>
        <p>
          {t("noAccount")} <Link href="/inscription">{t("signupLink")}</Link>
        </p>
        <p>
          <Link href="/aide">{t("help")}</Link>
        </p>
      </div>
    </main>
  );
}
