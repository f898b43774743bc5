"use client";
// The account-email reminder shown above the association form. It starts open; once the parent has read it
// ("Compris") it stays collapsed to its question, here and on later visits, so the form is not pushed down a screen.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import styles from "@/app/(parent)/associer/_components/associate.module.css";

const READ_KEY = "portail.associer.avis-courriel-lu";

export function AccountEmailNotice({ email }: { email: string }) {
  const t = useTranslations("associate.accountEmail");
  const [open, setOpen] = useState(true);
  useEffect(() => {
    try {
      if (window.localStorage.getItem(READ_KEY) === "1") setOpen(false);
    } catch {
      // Storage refused (private mode): the notice simply stays open.
    }
  }, []);
  const markRead = () => {
    setOpen(false);
    try {
      window.localStorage.setItem(READ_KEY, "1");
    } catch {
      // as above
    }
  };
  return (
    <details
      className={`alert alert-warn ${styles.notice}`}
      data-testid="account-email-notice"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className={styles.noticeSummary}>
        {t.rich("question", { email, strong: (c) => <strong>{c}</strong> })}
      </summary>
      <p>{t("ifNot")}</p>
      <p className="muted">{t("shownToAll")}</p>
      <p>
        <button type="button" className="secondary" onClick={markRead}>
          {t("understood")}
        </button>
      </p>
    </details>
  );
}
