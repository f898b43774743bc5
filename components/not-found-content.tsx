// The body of the translated 404 pages: what happened and where to go from here.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function NotFoundContent({ side, signedIn }: { side: "parent" | "staff"; signedIn: boolean }) {
  const t = await getTranslations("notFound");
  return (
    <main id="main" className="container">
      <div className="card stack">
        <h1>{t("title")}</h1>
        <p>{side === "staff" ? t("staffText") : t("parentText")}</p>
        <ul className="plain-list">
          {side === "staff" ? (
            <li>
              <Link href="/admin">{t("toDashboard")}</Link>
            </li>
          ) : (
            <>
              <li>
                <Link href={signedIn ? "/enfants" : "/connexion"}>{signedIn ? t("toChildren") : t("toSignIn")}</Link>
              </li>
              <li>
                <Link href="/aide">{t("toHelp")}</Link>
              </li>
            </>
          )}
        </ul>
      </div>
    </main>
  );
}
