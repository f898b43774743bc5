import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CodeFlow } from "@/components/parent/code-flow";
import { currentFlowStep } from "@/app/(parent)/_code-flow/flow-state";
import { currentPasswordPolicy } from "@/lib/password-strength";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signup"))("title") };
}

export default async function SignUpPage() {
  const t = await getTranslations("auth");
  const state = await currentFlowStep("signup");
  return (
    <main id="main" className="container">
      <div className="card stack">
        <h1>{t("signup.title")}</h1>
        {state.step === "email" && <p>{t("signup.intro")}</p>}
        <CodeFlow purpose="signup" state={state} policy={currentPasswordPolicy} />
        <p>
          {t("signup.haveAccount")} <Link href="/connexion">{t("signin.submit")}</Link>
        </p>
      </div>
    </main>
  );
}
