// The page the email's link opens: one button that confirms in this browser.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { verifyLinkAction } from "@/app/(parent)/_code-flow/link-actions";
import type { CodePurpose } from "@/db/queries/verification-codes";

export async function LinkPage({ purpose, token, invalid }: { purpose: CodePurpose; token?: string; invalid: boolean }) {
  const t = await getTranslations("auth");
  const back = purpose === "signup" ? "/inscription" : "/mot-de-passe-oublie";
  const title = purpose === "signup" ? t("signup.title") : t("reset.title");
  if (invalid || !token) {
    return (
      <main id="main" className="container">
        <div className="card stack">
          <h1>{title}</h1>
          <div className="alert alert-warn">{t("code.linkInvalid")}</div>
          <Link className="button" href={back}>
            {t("signup.requestCode")}
          </Link>
        </div>
      </main>
    );
  }
  return (
    <main id="main" className="container">
      <form className="card stack" action={verifyLinkAction.bind(null, purpose, token)}>
        <h1>{title}</h1>
        <button type="submit">{t("code.verify")}</button>
      </form>
    </main>
  );
}
