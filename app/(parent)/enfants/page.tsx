import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChildCard } from "@/app/(parent)/enfants/_components/child-card";
import styles from "@/app/(parent)/enfants/children.module.css";
import { childrenOfParent, type ChildSeenByEmail } from "@/db/queries/associations";
import { requireParent } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("children"))("title") };
}

function prefillHref(child: ChildSeenByEmail) {
  const query = new URLSearchParams({ organisme: String(child.boardId), prenom: child.firstName });
  return `/associer?${query.toString()}`;
}

export default async function ChildrenPage({ searchParams }: { searchParams: Promise<{ signale?: string }> }) {
  const parent = await requireParent();
  const t = await getTranslations("children");
  const tReport = await getTranslations("notMyChild");
  const { signale } = await searchParams;
  const { associated, seenByEmail, boards } = await childrenOfParent(parent.id, parent.email);

  return (
    <main id="main" className="container stack">
      <h1 className={styles.title}>{t("title")}</h1>
      {signale === "1" && (
        <p className="alert alert-ok" role="status" data-testid="not-my-child-done">
          {tReport("done")}
        </p>
      )}

      <section aria-labelledby="associated-title" className="stack" data-testid="associated-children">
        <h2 id="associated-title" className={styles.title}>{t("associated.title")}</h2>
        {associated.length === 0 ? (
          <p className="card">{t("associated.none")}</p>
        ) : (
          <ul className={styles.cards}>
            {associated.map((child) => (
              <li key={child.studentId}>
                <ChildCard child={child} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {seenByEmail.length > 0 && (
        <section aria-labelledby="seen-title" className="card stack" data-testid="seen-by-email">
          <h2 id="seen-title" className={styles.title}>{t("seen.title")}</h2>
          <div className={`alert alert-warn ${styles.notice}`}>
            <p>
              <strong>{t("seen.notAssociated")}</strong>
            </p>
            <p>{t("seen.explain")}</p>
            <p>{t("seen.why")}</p>
          </div>
          <ul className={styles.seenList}>
            {seenByEmail.map((child, i) => (
              <li key={i} className={styles.seenItem} data-testid="seen-child">
                <p>
                  <strong>{child.firstName}</strong>
                  <br />
                  <span className="muted">
                    {child.schoolName} · {child.boardName}
                  </span>
                </p>
                <Link href={prefillHref(child)} className="button">
                  {t("seen.associate", { firstName: child.firstName })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="add-title" className="card stack">
        <h2 id="add-title" className={styles.title}>{t("add.title")}</h2>
        <ul className={styles.links}>
          <li>
            <Link href="/associer">{t("add.existing")}</Link>
          </li>
          <li>
            <Link href="/associer?nip=oui">{t("add.withNip")}</Link>
          </li>
          {boards.length === 0 ? (
            <li>
              <Link href="/associer#autres-situations">{t("add.otherSituations")}</Link>
            </li>
          ) : (
            boards.flatMap((board) => [
              board.firstRegistrationUrl && (
                <li key={`${board.id}-first`}>
                  <a href={board.firstRegistrationUrl} rel="noopener">
                    {t("add.firstRegistration", { board: board.name })}
                  </a>
                </li>
              ),
              board.otherSchoolUrl && (
                <li key={`${board.id}-other`}>
                  <a href={board.otherSchoolUrl} rel="noopener">
                    {t("add.otherSchool", { board: board.name })}
                  </a>
                </li>
              ),
            ])
          )}
        </ul>
        <p>
          <Link href="/aide?section=children">{t("add.help")}</Link>
        </p>
      </section>
    </main>
  );
}
