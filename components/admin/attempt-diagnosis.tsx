// One association attempt for staff: what the parent typed next to the record, each finding, and the fix.
import { mayActOnRecords } from "@/lib/auth/permissions";
import { currentStaff } from "@/lib/auth/session";
import { StaffLink } from "@/components/admin/staff-link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AttemptView } from "@/db/queries/attempts";
import { CopyButton } from "@/components/admin/copy-button";
import { GuardianEmailDialog } from "@/components/admin/guardian-email-form";
import { IssueNipDialog } from "@/components/admin/issue-nip-panel";
import { attemptReasonMessage } from "@/lib/association/attempt-reasons";
import { reasonBlocks } from "@/lib/association/reasons";
import { suggestedFix } from "@/lib/association/suggested-fix";
import { sameEmail } from "@/lib/email-address";
import { parseStudentIdentifier } from "@/lib/identifiers";
import { TableScroll } from "@/components/ui/table-scroll";

type Field = "board" | "identifier" | "lastName" | "firstName" | "birthDate" | "email" | "nip";
type Reason = AttemptView["reasons"][number];

const MATCH_FIELDS: Field[] = ["identifier", "lastName", "firstName", "birthDate", "email"];

const OUTCOME_BADGE: Record<AttemptView["outcome"], string> = {
  associated: "badge badge-ok",
  already_associated: "badge",
  refused: "badge badge-danger",
};
const OUTCOME_LABEL = { associated: "succeeded", already_associated: "alreadyAssociated", refused: "failed" } as const;

export async function AttemptDiagnosis({
  attempt,
  showStudent = true,
  ticketId,
}: {
  attempt: AttemptView;
  showStudent?: boolean;
  /** Shown on a support ticket: fixes made from here leave a note on it. */
  ticketId?: string;
}) {
  // The suggested fixes are record changes: not offered to a role that only reads (the privacy officer).
  const staff = await currentStaff();
  const t = await getTranslations("admin.attempts");
  const root = await getTranslations();
  const format = await getFormatter();
  const { typed, candidate } = attempt;

  const message = (reason: Reason) => {
    const { namespace, key, values } = attemptReasonMessage(reason);
    const full = `${namespace}.${key}`;
    return root.has(full as never) ? root(full as never, values as never) : t("unknownReason", { code: reason.code });
  };

  const hasBoardFinding = attempt.reasons.some((r) => r.field === "board");
  const fields: Field[] =
    attempt.method === "nip" ? ["nip"] : [...(hasBoardFinding ? (["board"] as Field[]) : []), ...MATCH_FIELDS];
  const fieldSet = new Set<string>(fields);
  const otherFindings = attempt.reasons.filter((r) => !r.field || !fieldSet.has(r.field));

  const identifierKind = typed.identifier ? parseStudentIdentifier(typed.identifier).kind : "fiche";
  const typedValue: Record<Field, string> = {
    board: attempt.board?.name ?? "—",
    identifier: typed.identifier ?? "—",
    lastName: typed.lastName ?? "—",
    firstName: typed.firstName ?? "—",
    birthDate: typed.birthDate ?? "—",
    email: attempt.parentEmail,
    nip: typed.nipPrefix ? `${typed.nipPrefix}••••••` : "—",
  };
  const recordValue: Record<Field, string> = candidate
    ? {
        board: attempt.board?.name ?? "—",
        identifier:
          identifierKind === "codePermanent"
            ? (candidate.codePermanent ?? "—")
            : `${candidate.fiche}${candidate.codePermanent ? ` · ${candidate.codePermanent}` : ""}`,
        lastName: candidate.lastName,
        firstName: candidate.firstName,
        birthDate: candidate.birthDate,
        email: candidate.guardianEmails.map((e) => e.email).join(", ") || t("noEmailOnRecord"),
        nip: "—",
      }
    : { board: "—", identifier: "—", lastName: "—", firstName: "—", birthDate: "—", email: "—", nip: "—" };

  const fix = attempt.outcome === "refused" ? suggestedFix(attempt.reasons) : null;
  const when = format.dateTime(attempt.createdAt, { dateStyle: "medium", timeStyle: "short" });

  return (
    <article className="card stack attempt" aria-label={t("attemptLabel", { when })}>
      <header className="row attempt-head">
        <strong>{when}</strong>
        <span className={OUTCOME_BADGE[attempt.outcome]}>{t(OUTCOME_LABEL[attempt.outcome])}</span>
        <span className="badge">{attempt.method === "nip" ? t("methodNip") : t("methodMatch")}</span>
        <span>
          {t("parent")}{" "}
          <StaffLink href={`/admin/tentatives?email=${encodeURIComponent(attempt.parentEmail)}&outcome=all`}>{attempt.parentEmail}</StaffLink>
        </span>
        {showStudent && candidate && (
          <span>
            {t("student")} <StaffLink href={`/admin/eleves/${candidate.id}`}>{`${candidate.lastName}, ${candidate.firstName}`}</StaffLink>{" "}
            <span className="muted">({candidate.schoolName})</span>
          </span>
        )}
        {attempt.board && <span className="muted">{attempt.board.name}</span>}
      </header>

      {!candidate && <p className="muted">{t("noCandidate")}</p>}

      <TableScroll label={t("diagnosisCaption")}>
        <table className="diagnosis">
          <caption className="sr-only">{t("diagnosisCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("colField")}</th>
              <th scope="col">{t("colTyped")}</th>
              <th scope="col">{t("colRecord")}</th>
              <th scope="col">{t("colFinding")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const findings = attempt.reasons.filter((r) => r.field === field);
              return (
                <tr key={field}>
                  <th scope="row">{t(`fields.${field}`)}</th>
                  <td data-label={t("colTyped")}>{typedValue[field]}</td>
                  <td data-label={t("colRecord")}>{recordValue[field]}</td>
                  <td data-label={t("colFinding")}>
                    {findings.length === 0 ? (
                      candidate ? <span className="finding-ok">{t("matches")}</span> : <span className="muted">—</span>
                    ) : (
                      <ul className="findings">
                        {findings.map((reason, i) => (
                          <Finding key={i} blocks={reasonBlocks(reason)} text={message(reason)} />
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>

      {otherFindings.length > 0 && (
        <ul className="findings">
          {otherFindings.map((reason, i) => (
            <Finding key={i} blocks={reasonBlocks(reason)} text={message(reason)} />
          ))}
        </ul>
      )}

      {attempt.outcome === "refused" && staff && mayActOnRecords(staff.staff.role) && (
        <SuggestedFix attempt={attempt} fix={fix} ticketId={ticketId} />
      )}
      {attempt.outcome === "already_associated" && <p className="muted">{t("alreadyAssociatedNote")}</p>}
      {attempt.userAgent && <p className="muted small">{t("browser", { userAgent: attempt.userAgent })}</p>}
    </article>
  );
}

async function Finding({ blocks, text }: { blocks: boolean; text: string }) {
  const t = await getTranslations("association.reasons");
  return (
    <li>
      <span className={blocks ? "badge badge-danger" : "badge badge-warn"}>{blocks ? t("blocking") : t("tolerated")}</span>{" "}
      {text}
    </li>
  );
}

async function SuggestedFix({ attempt, fix, ticketId }: { attempt: AttemptView; fix: ReturnType<typeof suggestedFix>; ticketId?: string }) {
  const t = await getTranslations("admin.attempts");
  const fixes = await getTranslations("association.fixes");
  const format = await getFormatter();
  const candidate = attempt.candidate;
  const day = format.dateTime(attempt.createdAt, { dateStyle: "medium" });

  if (fix === null) return <p className="muted">{t("noFix")}</p>;
  // The record may have been corrected since: the parent only has to try again.
  const emailNowOnRecord = candidate?.guardianEmails.some((e) => sameEmail(e.email, attempt.parentEmail)) ?? false;
  if (fix === "fix_email" && emailNowOnRecord) {
    return (
      <p className="alert alert-ok" role="status">
        {t("emailNowOnRecord", { email: attempt.parentEmail })}
      </p>
    );
  }

  return (
    <div className="suggested-fix stack">
      <p>
        <strong>{t("suggestedFix")}</strong> {fixes(fix)}
      </p>
      {fix === "fix_email" && candidate && (
        <GuardianEmailDialog
          trigger={t("fixEmailButton")}
          title={t("fixEmailTitle", { name: `${candidate.firstName} ${candidate.lastName}` })}
          studentId={candidate.id}
          emails={candidate.guardianEmails}
          initial={
            candidate.guardianEmails.length === 1
              ? { mode: "replace", guardianEmailId: candidate.guardianEmails[0]!.id }
              : { mode: "add" }
          }
          choose={candidate.guardianEmails.length > 0}
          defaultNewEmail={attempt.parentEmail}
          defaultReason={t("fixEmailReason", { day })}
          ticketId={ticketId}
        />
      )}
      {fix === "issue_nip" && candidate && (
        <IssueNipDialog
          trigger={t("issueNipButton")}
          title={t("issueNipTitle", { name: `${candidate.firstName} ${candidate.lastName}` })}
          studentId={candidate.id}
          recordEmails={candidate.guardianEmails.map((e) => e.email)}
          lifetimeMinutes={attempt.board?.nipLifetimeMinutes ?? 15}
          suggestedEmail={attempt.parentEmail}
          hasActiveNip={false}
          ticketId={ticketId}
        />
      )}
      {fix === "find_student" && (
        <p>
          <StaffLink
            className="button secondary"
            href={`/admin/eleves?q=${encodeURIComponent([attempt.typed.lastName, attempt.typed.firstName].filter(Boolean).join(" "))}`}
          >
            {t("findStudent")}
          </StaffLink>
        </p>
      )}
      {fix === "tell_spelling" && candidate && (
        <details className="spelling">
          <summary>{t("showSpelling")}</summary>
          <dl className="facts">
            <dt>{t("fields.lastName")}</dt>
            <dd>
              <span className="spelled">{candidate.lastName}</span> <CopyButton value={candidate.lastName} />
            </dd>
            <dt>{t("fields.firstName")}</dt>
            <dd>
              <span className="spelled">{candidate.firstName}</span> <CopyButton value={candidate.firstName} />
            </dd>
          </dl>
        </details>
      )}
    </div>
  );
}
