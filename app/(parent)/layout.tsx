import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { currentParent } from "@/lib/auth/session";

export default async function ParentLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("parentNav");
  const parent = await currentParent();
  return (
    <>
      <header className="site-header">
        <div className="inner">
          <Link href={parent ? "/enfants" : "/connexion"} className="brand">
            {t("brand")}
          </Link>
          <nav aria-label={t("label")}>
            {parent && <Link href="/enfants">{t("children")}</Link>}
            {parent && <Link href="/associer">{t("associate")}</Link>}
            <Link href="/aide">{t("help")}</Link>
            <LanguageSwitch />
            {parent && <SignOutButton callbackUrl="/connexion?deconnecte=1" />}
          </nav>
        </div>
      </header>
      {children}
    </>
  );
}
