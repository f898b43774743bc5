import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CodeFlow } from "@/components/parent/code-flow";
import { currentFlow } from "@/app/(parent)/_code-flow/flow-state";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.reset"))("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  const { state, policy } = await currentFlow("reset");
  return (
    <main id="main" className="container">
      <div className="card stack">
        <h1>{t("reset.title")}</h1>
        {state.step === "email" && <p>{t("reset.intro")}</p>}
        <CodeFlow purpose="reset" state={state} policy={policy} />
        <p>
          <Link href="/connexion">{t("signin.submit")}</Link>
        </p>
      </div>
    </main>
  );
}
