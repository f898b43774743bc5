"use client";
// "Add a child — other situations": the chosen board's own forms for a first registration or another school.
import { useTranslations } from "next-intl";
import type { BoardOption } from "@/db/queries/associations";
import styles from "@/app/(parent)/associer/_components/associate.module.css";

/** In NIP mode the form has no board field, so the hint says how to reach it. */
export function OtherSituations({ board, mode }: { board: BoardOption | undefined; mode: "match" | "nip" }) {
  const t = useTranslations("associate.otherSituations");
  return (
    <section className="card stack" aria-labelledby="other-situations" id="autres-situations">
      <h2 id="other-situations" className={styles.title}>{t("title")}</h2>
      {!board ? (
        <p className="muted">{mode === "nip" ? t("chooseBoardNipMode") : t("chooseBoard")}</p>
      ) : !board.firstRegistrationUrl && !board.otherSchoolUrl ? (
        <p className="muted">{t("noLinks", { board: board.name })}</p>
      ) : (
        <ul className={styles.links}>
          {board.firstRegistrationUrl && (
            <li>
              <a href={board.firstRegistrationUrl} rel="noopener" data-testid="first-registration-link">
                {t("firstRegistration")}
              </a>{" "}
              <span className="muted">{t("firstRegistrationHint", { board: board.name })}</span>
            </li>
          )}
          {board.otherSchoolUrl && (
            <li>
              <a href={board.otherSchoolUrl} rel="noopener" data-testid="other-school-link">
                {t("otherSchool")}
              </a>{" "}
              <span className="muted">{t("otherSchoolHint", { board: board.name })}</span>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
