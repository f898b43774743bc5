import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CodeFlow } from "@/components/parent/code-flow";
import { currentFlow } from "@/app/(parent)/_code-flow/flow-state";
import { signupBoardByCode } from "@/db/queries/password-policy";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signup"))("title") };
}

/** `?organisme=<code>`: a board links to the portal from its site; its password rule then applies to the account. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ organisme?: string | string[] }> }) {
  const t = await getTranslations("auth");
  const { organisme } = await searchParams;
  const [{ state, policy }, board] = await Promise.all([
    currentFlow("signup"),
    signupBoardByCode(typeof organisme === "string" ? organisme : null),
  ]);
  return (
    <main id="main" className="container">
      <div className="card stack">
        <h1>{t("signup.title")}</h1>
        {state.step === "email" && <p>{t("signup.intro")}</p>}
        {state.step === "email" && board && <p data-testid="signup-board">{t("signup.fromBoard", { board: board.name })}</p>}
        <CodeFlow purpose="signup" state={state} policy={policy} boardCode={board?.code} />
        <p>
          {t("signup.haveAccount")} <Link href="/connexion">{t("signin.submit")}</Link>
        </p>
      </div>
    </main>
  );
}
