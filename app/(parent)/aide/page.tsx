import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SupportForm } from "@/app/(parent)/aide/_components/support-form";
import { currentParent } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("help"))("title") };
}

const faq = ["emailDiffers", "accountExists", "codeMissing", "codeExpired", "noMatch", "nip", "specialCharacters", "seenNotAssociated"] as const;

export default async function HelpPage({ searchParams }: { searchParams: Promise<{ section?: string }> }) {
  const t = await getTranslations("help");
  const parent = await currentParent();
  const { section } = await searchParams;
  return (
    <main id="main" className="container">
      <div className="card stack">
        <h1>{t("title")}</h1>
        <p>{t("intro")}</p>
        {faq.map((key) => (
          <details key={key}>
            <summary>{t(`faq.${key}.question`)}</summary>
            <p>{t(`faq.${key}.answer`)}</p>
          </details>
        ))}
        <p>
          <Link href="/mot-de-passe-oublie">{t("resetLink")}</Link>
        </p>
      </div>
      <div className="card stack">
        <h2>{t("form.title")}</h2>
        <p>{t("form.intro")}</p>
        <SupportForm email={parent?.email ?? null} section={section} />
      </div>
    </main>
  );
}
