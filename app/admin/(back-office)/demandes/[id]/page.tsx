import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { TicketControls } from "@/app/admin/(back-office)/demandes/[id]/_components/ticket-controls";
import { TicketLinkStudent } from "@/app/admin/(back-office)/demandes/[id]/_components/ticket-link-student";
import { TicketQuickFix } from "@/app/admin/(back-office)/demandes/[id]/_components/ticket-quick-fix";
import { TicketReplyForm } from "@/app/admin/(back-office)/demandes/[id]/_components/ticket-reply-form";
import { AttemptDiagnosis } from "@/components/admin/attempt-diagnosis";
import { GuardianEmailDialog } from "@/components/admin/guardian-email-form";
import { IssueNipDialog } from "@/components/admin/issue-nip-panel";
import { attemptsByIds } from "@/db/queries/attempts";
import { schoolsInScope } from "@/db/queries/scope-schools";
import { getStudentForStaff } from "@/db/queries/students";
import { assignableStaff, filledSavedReplies, getTicketForStaff, ticketAccountPanel, type TicketMessageView } from "@/db/queries/support-desk";
import { requireStaff } from "@/lib/auth/session";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const t = await getTranslations("supportDesk");
  return { title: `${t("ticketTitle")} ${(await params).id.slice(0, 8)}` };
}

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { staff, scope } = await requireStaff();
  const { id } = await params;
  const detail = await getTicketForStaff(scope, id);
  if (!detail) notFound();
  const t = await getTranslations("supportDesk");
  const format = await getFormatter();
  const { ticket } = detail;
  const [attempts, account, staffOptions, schools, savedReplies, records] = await Promise.all([
    attemptsByIds(scope, detail.attemptIds),
    ticketAccountPanel(detail),
    assignableStaff(ticket),
    schoolsInScope(scope),
    filledSavedReplies(detail),
    Promise.all(detail.students.map((s) => getStudentForStaff(scope, s.id))),
  ]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const route = ticket.schoolId ? `school:${ticket.schoolId}` : ticket.boardId ? `board:${ticket.boardId}` : "none";
  const boardIds = [...new Set(schools.map((s) => s.boardId))];
  const routes = [
    ...schools.map((s) => ({ value: `school:${s.id}`, label: scope.kind === "all" ? `${s.boardName} — ${s.name}` : s.name })),
    ...boardIds.map((boardId) => ({ value: `board:${boardId}`, label: t("boardOnly", { board: schools.find((s) => s.boardId === boardId)!.boardName }) })),
    { value: "none", label: t("serviceCentre") },
  ];
  if (!routes.some((r) => r.value === route)) routes.unshift({ value: route, label: ticket.schoolName ?? ticket.boardName ?? t("serviceCentre") });

  return (
    <main id="main" className="container-wide stack">
      <p>
        <StaffLink href="/admin/demandes">{t("backToQueue")}</StaffLink>
      </p>
      <h1>
        {t("ticketTitle")} {ticket.reference}
      </h1>
      <section className="card stack" aria-label={t("summary")}>
        <p className="row">
          <span className={`badge status-${ticket.status}`} data-testid="ticket-status">
            {t(`status.${ticket.status}` as never)}
          </span>
          <span>{t(`topics.${ticket.topic}` as never)}</span>
          <span className="muted">{t(`source.${ticket.source}` as never)}</span>
          <span className="muted">{when(ticket.createdAt)}</span>
        </p>
        <dl className="facts">
          <dt>{t("colParent")}</dt>
          <dd>{ticket.email}</dd>
          {ticket.failedStep && (
            <>
              <dt>{t("failedStep")}</dt>
              <dd data-testid="ticket-failed-step">
                {t(`steps.${ticket.failedStep}` as never)}
                {ticket.failedAt && ` — ${when(ticket.failedAt)}`}
              </dd>
            </>
          )}
          {ticket.childName && (
            <>
              <dt>{t("childName")}</dt>
              <dd>{ticket.childName}</dd>
            </>
          )}
          {(ticket.schoolText || ticket.fiche) && (
            <>
              <dt>{t("typedSchool")}</dt>
              <dd>{[ticket.schoolText, ticket.fiche && t("typedFiche", { fiche: ticket.fiche })].filter(Boolean).join(" · ")}</dd>
            </>
          )}
          {ticket.errorMessage && (
            <>
              <dt>{t("errorMessage")}</dt>
              <dd>{ticket.errorMessage}</dd>
            </>
          )}
          <dt>{t("colRoute")}</dt>
          <dd>{ticket.schoolName ?? ticket.boardName ?? t("serviceCentre")}</dd>
          <dt>{t("colAssignee")}</dt>
          <dd>{ticket.assignee ?? t("unassigned")}</dd>
          {ticket.browser && (
            <>
              <dt>{t("browser")}</dt>
              <dd className="small">{ticket.browser}</dd>
            </>
          )}
        </dl>
      </section>

      <TicketControls
        ticketId={ticket.id}
        status={ticket.status}
        assigneeId={ticket.assignedStaffId}
        meId={staff.id}
        staff={staffOptions.map((s) => ({ id: s.id, name: s.name }))}
        route={route}
        routes={routes}
      />

      <div className="ticket-layout">
        <section className="stack" aria-labelledby="conversation-title">
          <h2 id="conversation-title">{t("conversation")}</h2>
          <ol className="conversation stack" data-testid="conversation">
            {detail.messages.map((message) => (
              <Message key={message.id} ticketId={ticket.id} message={message} when={when(message.createdAt)} />
            ))}
          </ol>
          <TicketReplyForm ticketId={ticket.id} savedReplies={savedReplies} />
        </section>

        <aside className="stack" aria-label={t("panels")}>
          <section className="card stack" aria-labelledby="account-title">
            <h2 id="account-title">{t("account.title")}</h2>
            {!account ? (
              <p className="muted">{t("account.none")}</p>
            ) : (
              <>
                <p>
                  <StaffLink href={`/admin/comptes/${account.account.id}`}>{account.account.email}</StaffLink>
                </p>
                <p className="muted small">
                  {t("account.created", { when: when(account.account.createdAt) })}
                  {account.account.lastSigninAt && ` · ${t("account.lastSignin", { when: when(account.account.lastSigninAt) })}`}
                </p>
                {account.lockout.locked && <TicketQuickFix kind="liftLockout" ticketId={ticket.id} accountId={account.account.id} />}
                <h3>{t("account.signIns")}</h3>
                {account.signIns.length === 0 ? (
                  <p className="muted">{t("account.noneYet")}</p>
                ) : (
                  <ul className="small">
                    {account.signIns.slice(0, 8).map((e) => (
                      <li key={e.id}>
                        {when(e.createdAt)} — {e.kind} — {e.success ? t("account.ok") : t("account.failed")}
                      </li>
                    ))}
                  </ul>
                )}
                <h3>{t("account.codes")}</h3>
                {account.emails.length === 0 ? (
                  <p className="muted">{t("account.noneYet")}</p>
                ) : (
                  <ul className="small">
                    {account.emails.slice(0, 8).map((e) => (
                      <li key={e.id}>
                        {when(e.createdAt)} — {e.template} — {t(`account.delivery.${e.status}` as never)}
                        {e.deliveredAt && ` (${when(e.deliveredAt)})`}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </section>

          <section className="card stack" aria-labelledby="records-title">
            <h2 id="records-title">{t("records.title")}</h2>
            {records.length === 0 && <p className="muted">{t("records.none")}</p>}
            {records.map((record, i) =>
              record ? (
                <div key={record.student.id} className="stack" data-testid="linked-record">
                  <p>
                    <StaffLink href={`/admin/eleves/${record.student.id}`}>{`${record.student.lastName}, ${record.student.firstName}`}</StaffLink>{" "}
                    <span className="muted small">
                      {record.school.name} · {t("records.fiche", { fiche: record.student.fiche })} · {t(`records.reason.${detail.students[i]!.reason}` as never)}
                    </span>
                  </p>
                  <p className="small">{record.guardianEmails.map((e) => e.email).join(", ") || t("records.noEmail")}</p>
                  {record.guardianEmails.map((e) => (
                    <TicketQuickFix key={e.id} kind="sendFiche" ticketId={ticket.id} studentId={record.student.id} guardianEmailId={e.id} email={e.email} />
                  ))}
                  <GuardianEmailDialog
                    trigger={t("fixes.guardianEmail")}
                    title={t("fixes.guardianEmailTitle", { name: `${record.student.firstName} ${record.student.lastName}` })}
                    triggerClassName="secondary"
                    studentId={record.student.id}
                    emails={record.guardianEmails.map((e) => ({ id: e.id, email: e.email }))}
                    initial={record.guardianEmails.length === 1 ? { mode: "replace", guardianEmailId: record.guardianEmails[0]!.id } : { mode: "add" }}
                    choose={record.guardianEmails.length > 0}
                    defaultNewEmail={ticket.email}
                    defaultReason={t("fixes.reason", { reference: ticket.reference })}
                    ticketId={ticket.id}
                  />
                  <IssueNipDialog
                    trigger={t("fixes.issueNip")}
                    title={t("fixes.issueNipTitle", { name: `${record.student.firstName} ${record.student.lastName}` })}
                    studentId={record.student.id}
                    recordEmails={record.guardianEmails.map((e) => e.email)}
                    lifetimeMinutes={record.board.nipLifetimeMinutes}
                    suggestedEmail={ticket.email}
                    hasActiveNip={record.activeNip !== null}
                    ticketId={ticket.id}
                  />
                  <TicketLinkStudent ticketId={ticket.id} unlinkStudentId={record.student.id} name={`${record.student.firstName} ${record.student.lastName}`} />
                </div>
              ) : null,
            )}
            <TicketLinkStudent ticketId={ticket.id} />
            {detail.hiddenStudents > 0 && <p className="muted small">{t("records.hidden", { count: detail.hiddenStudents })}</p>}
          </section>
        </aside>
      </div>

      <section className="stack" aria-labelledby="attempts-title">
        <h2 id="attempts-title">{t("attempts")}</h2>
        {attempts.length === 0 ? <p className="muted">{t("noAttempts")}</p> : attempts.map((a) => <AttemptDiagnosis key={a.id} attempt={a} ticketId={ticket.id} />)}
      </section>
    </main>
  );
}

async function Message({ ticketId, message, when }: { ticketId: string; message: TicketMessageView; when: string }) {
  const t = await getTranslations("supportDesk");
  const system = message.kind === "system" && message.systemEvent;
  const systemText =
    system && t.has(`system.${system.code}` as never) ? t(`system.${system.code}` as never, (system.params ?? {}) as never) : message.body;
  return (
    <li className={`card message message-${message.kind}`} data-kind={message.kind}>
      <p className="muted small">
        <strong>{t(`kind.${message.kind}`)}</strong>
        {message.author && ` · ${message.author}`} · {when}
      </p>
      {/* Text only: whatever HTML a parent or an email sent is shown as characters, never as markup. */}
      <p className="message-body">{message.kind === "system" ? systemText : message.body}</p>
      {message.attachments.length > 0 && (
        <ul className="attachments">
          {message.attachments.map((a) => {
            const href = `/admin/demandes/${ticketId}/pieces/${a.id}`;
            return (
              <li key={a.id}>
                {a.contentType.startsWith("image/") && (
                  // eslint-disable-next-line @next/next/no-img-element -- an authenticated route, not a static asset
                  <img src={href} alt={t("attachmentPreview", { name: a.fileName })} className="attachment-preview" loading="lazy" />
                )}
                <a href={href} download={a.fileName}>
                  {a.fileName}
                </a>{" "}
                <span className="muted small">({Math.ceil(a.size / 1024)} Ko)</span>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
