// One associated child: name, school and board, and the school's contact ("Nous joindre").
import { getTranslations } from "next-intl/server";
import type { AssociatedChild } from "@/db/queries/associations";
import styles from "@/app/(parent)/enfants/children.module.css";
import { NotMyChildButton } from "@/app/(parent)/enfants/_components/not-my-child-button";

function telHref(phone: string) {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

export async function ChildCard({ child }: { child: AssociatedChild }) {
  const t = await getTranslations("children.card");
  const { school } = child;
  const headingId = `child-${child.studentId}`;
  return (
    <article className="card stack" aria-labelledby={headingId} data-testid="associated-child">
      <div className={styles.childHeader}>
        <h3 id={headingId}>
          {child.firstName} {child.lastName}
        </h3>
        <span className="badge badge-ok">{t("associated")}</span>
      </div>
      <p className={styles.facts}>
        {school.name}
        {child.grade ? ` · ${child.grade}` : ""}
        <br />
        <span className="muted">{child.board.name}</span>
      </p>
      <section aria-labelledby={`${headingId}-contact`} className="stack">
        <h4 id={`${headingId}-contact`} className={styles.title}>{t("contactUs")}</h4>
        <dl className={styles.contact}>
          {school.phone && (
            <>
              <dt>{t("phone")}</dt>
              <dd>
                <a href={telHref(school.phone)}>{school.phone}</a>
              </dd>
            </>
          )}
          {school.email && (
            <>
              <dt>{t("email")}</dt>
              <dd>
                <a href={`mailto:${school.email}`}>{school.email}</a>
              </dd>
            </>
          )}
          {school.address && (
            <>
              <dt>{t("address")}</dt>
              <dd>{school.address}</dd>
            </>
          )}
          {school.website && (
            <>
              <dt>{t("website")}</dt>
              <dd>
                <a href={school.website} rel="noopener">
                  {school.website.replace(/^https?:\/\//, "")}
                </a>
              </dd>
            </>
          )}
        </dl>
      </section>
      <div>
        <NotMyChildButton studentId={child.studentId} firstName={child.firstName} />
      </div>
    </article>
  );
}
