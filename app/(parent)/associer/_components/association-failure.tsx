"use client";
// What the parent is told after a refused attempt: a message that reveals nothing about any record, what to check,
// and where to get help (the school office can fix the email on the record or give a NIP).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFocusWhenShown } from "@/components/ui/focus-on-failure";
import { NIP_INVALID_MESSAGE_KEY, NO_MATCH_CHECKLIST_KEYS } from "@/lib/association/parent-message";
import { helpLinkFor } from "@/lib/support/topics";
import styles from "@/app/(parent)/associer/_components/associate.module.css";

type Props = {
  /** A key of the "association" namespace (see AssociateMessageKey), "invalidInput" or "serviceUnavailable". */
  messageKey: string;
  accountEmail: string;
  failedAt?: Date;
  /** The failed result shown: each new one moves focus (and the scroll position) to this box. */
  shownFor: unknown;
};

export function AssociationFailure({ messageKey, accountEmail, failedAt, shownFor }: Props) {
  const t = useTranslations("association");
  const ta = useTranslations("associate");
  const te = useTranslations("errors");
  const ref = useFocusWhenShown<HTMLDivElement>(shownFor);
  if (messageKey === "serviceUnavailable") {
    return (
      <div className={`alert alert-error ${styles.errorBody}`} role="alert" tabIndex={-1} ref={ref} data-testid="association-error">
        <p>{te("serviceUnavailable")}</p>
      </div>
    );
  }
  const known = messageKey !== "invalidInput" && t.has(messageKey as never);
  return (
    <div className={`alert alert-error ${styles.errorBody}`} role="alert" tabIndex={-1} ref={ref} data-testid="association-error">
      <p>{known ? t(messageKey as never) : ta("fixFields")}</p>
      {messageKey === "errors.noMatch" && (
        <div>
          <p>{t("noMatchChecklist.title")}</p>
          <ul className={styles.checklist}>
            {NO_MATCH_CHECKLIST_KEYS.map((key) => (
              <li key={key}>{t(key, { email: accountEmail })}</li>
            ))}
          </ul>
        </div>
      )}
      {known && (
        <p>
          {/* The help page opens the matching answer and carries the failed step (and when) into the request form. */}
          <Link href={helpLinkFor(messageKey === NIP_INVALID_MESSAGE_KEY ? "nip_refused" : "association_refused", failedAt)}>{ta("getHelp")}</Link>
        </p>
      )}
    </div>
  );
}
