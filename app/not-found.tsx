// A 404 raised outside the parent and staff layouts: the same translated page, with the language switch.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";
import { NotFoundContent } from "@/components/not-found-content";
import { currentParent } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notFound"))("title") };
}

export default async function RootNotFound() {
  const t = await getTranslations("parentNav");
  return (
    <>
      <header className="site-header">
        <div className="inner">
          <span className="brand">{t("brand")}</span>
          <LanguageSwitch />
        </div>
      </header>
      <NotFoundContent side="parent" signedIn={Boolean(await currentParent())} />
    </>
  );
}
