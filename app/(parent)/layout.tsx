import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { LanguageSwitch } from "@/components/language-switch";
import { ParentMenu } from "@/components/parent/parent-menu";
import { SignOutButton } from "@/components/sign-out-button";
import { currentParent } from "@/lib/auth/session";

export default async function ParentLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("parentNav");
  const tAccount = await getTranslations("account");
  const parent = await currentParent();
  return (
    <ClientMessages area="parent">
      <header className="site-header">
        <div className="inner">
          <Link href={parent ? "/enfants" : "/connexion"} className="brand">
            {t("brand")}
          </Link>
          {parent ? (
            <ParentMenu label={t("label")} menuLabel={t("menu")}>
              <Link href="/enfants">{t("children")}</Link>
              <Link href="/associer">{t("associate")}</Link>
              <Link href="/compte">{tAccount("nav")}</Link>
              <Link href="/aide">{t("help")}</Link>
              <LanguageSwitch />
              <SignOutButton callbackUrl="/connexion?deconnecte=1" />
            </ParentMenu>
          ) : (
            <nav aria-label={t("label")}>
              <Link href="/aide">{t("help")}</Link>
              <LanguageSwitch />
            </nav>
          )}
        </div>
      </header>
      {children}
    </ClientMessages>
  );
}
