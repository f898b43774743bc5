// The frame of the staff sign-in steps: header with the language switch, one card.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";

export async function SignInShell({ children }: { children: React.ReactNode }) {
  const nav = await getTranslations("admin.nav");
  return (
    <>
      <header className="site-header">
        <div className="inner">
          <Link href="/admin" className="brand" prefetch={false}>
            {nav("brand")}
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="container">
        <div className="card stack">{children}</div>
      </main>
    </>
  );
}
