import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AttemptDiagnosis } from "@/components/admin/attempt-diagnosis";
import { GuardianEmailDialog } from "@/components/admin/guardian-email-form";
import { IssueNipPanel } from "@/components/admin/issue-nip-panel";
import { RevokeAssociationDialog } from "@/components/admin/revoke-association-form";
import { RevokeNipButton } from "@/components/admin/revoke-nip-button";
import { SendFicheButton } from "@/components/admin/send-fiche-button";
import { TableCard } from "@/components/admin/table-card";
import { Countdown } from "@/components/ui/countdown";
import { getStudentForStaff, type StudentDetail } from "@/db/queries/students";
import { mayActOnRecords } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";

type Params = { id: string };

async function load(params: Promise<Params>): Promise<StudentDetail> {
  const { scope } = await requireStaff();
  const { id } = await params;
  // Out of scope and nonexistent look the same: staff of another school learn nothing.
  const detail = /^\d{1,10}$/.test(id) ? await getStudentForStaff(scope, Number(id)) : null;
  if (!detail) notFound();
  return detail;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { student } = await load(params);
  return { title: `${student.lastName}, ${student.firstName}` };
}

export default async function StudentPage({ params }: { params: Promise<Params> }) {
  const detail = await load(params);
  const canAct = mayActOnRecords((await requireStaff()).staff.role);
  const t = await getTranslations("admin.student");
  const te = await getTranslations("admin.guardianEmails");
  const format = await getFormatter();
  const { student, school, board, guardianEmails, associations, activeNip, attempts } = detail;
  const name = `${student.firstName} ${student.lastName}`;
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });

  return (
    <main id="main" className="container-wide stack">
      <p>
        <StaffLink href="/admin/eleves">{t("backToSearch")}</StaffLink>
      </p>
      <h1>
        {student.lastName}, {student.firstName}{" "}
        {student.archivedAt && <span className="badge badge-warn">{t("archived")}</span>}
      </h1>

      <div className="student-grid">
        <section className="card stack" aria-labelledby="record-title">
          <h2 id="record-title">{t("record")}</h2>
          <dl className="facts">
            <dt>{t("fiche")}</dt>
            <dd className="mono">{student.fiche}</dd>
            <dt>{t("codePermanent")}</dt>
            <dd className="mono">{student.codePermanent ?? "—"}</dd>
            <dt>{t("lastName")}</dt>
            <dd>{student.lastName}</dd>
            <dt>{t("firstName")}</dt>
            <dd>{student.firstName}</dd>
            <dt>{t("birthDate")}</dt>
            <dd>{student.birthDate}</dd>
            <dt>{t("grade")}</dt>
            <dd>{student.grade ?? "—"}</dd>
            <dt>{t("school")}</dt>
            <dd>
              {school.name} <span className="muted">({school.code})</span>
            </dd>
            <dt>{t("board")}</dt>
            <dd>
              {board.name}{" "}
              {!board.subscribed && <span className="badge badge-warn">{t("notSubscribed")}</span>}
            </dd>
          </dl>
        </section>

        <section className="card stack" aria-labelledby="emails-title">
          <h2 id="emails-title">{te("title")}</h2>
          <p className="muted">{te("explain")}</p>
          {guardianEmails.length === 0 ? (
            <p>{te("none")}</p>
          ) : (
            <ul className="plain-list">
              {guardianEmails.map((e) => (
                <li key={e.id} className="row guardian-email">
                  <span className="mono grow">{e.email}</span>
                  {canAct && (
                  <span className="row">
                    <GuardianEmailDialog
                      trigger={te("edit")}
                      triggerClassName="secondary"
                      title={te("editTitle", { email: e.email })}
                      studentId={student.id}
                      emails={guardianEmails}
                      initial={{ mode: "replace", guardianEmailId: e.id }}
                    />
                    <GuardianEmailDialog
                      trigger={te("remove")}
                      triggerClassName="secondary"
                      title={te("removeTitle", { email: e.email })}
                      studentId={student.id}
                      emails={guardianEmails}
                      initial={{ mode: "remove", guardianEmailId: e.id }}
                    />
                  </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {canAct && (
          <div>
            <GuardianEmailDialog
              trigger={te("add")}
              title={te("addTitle", { name })}
              studentId={student.id}
              emails={guardianEmails}
              initial={{ mode: "add" }}
            />
          </div>
          )}
          {canAct && <SendFicheButton studentId={student.id} guardianEmails={guardianEmails} />}
        </section>

        <TableCard
          id="accounts"
          wide
          title={t("accounts")}
          empty={associations.length === 0 ? t("noAccounts") : null}
          columns={[{ label: t("accountEmail") }, { label: t("since") }, { label: t("method") }, { label: t("actions"), hidden: true }]}
        >
          {associations.map((a) => (
            <tr key={a.id}>
              <td className="mono">{a.email}</td>
              <td>{date(a.since)}</td>
              <td>{a.method === "nip" ? t("methodNip") : t("methodMatch")}</td>
              <td>
                <RevokeAssociationDialog associationId={a.id} email={a.email} />
              </td>
            </tr>
          ))}
        </TableCard>

        <section className="card stack" aria-labelledby="nip-title">
          <h2 id="nip-title">{t("nip")}</h2>
          {activeNip && (
            <div className="alert alert-info stack">
              <p>
                {t.rich("activeNip", {
                  issuedBy: activeNip.issuedBy,
                  issuedAt: date(activeNip.createdAt),
                  remaining: () => <Countdown until={activeNip.expiresAt} />,
                })}
              </p>
              {activeNip.emailedTo && <p>{t("activeNipEmailed", { email: activeNip.emailedTo })}</p>}
              {canAct && <RevokeNipButton nipId={activeNip.id} />}
            </div>
          )}
          {canAct && (
            <IssueNipPanel
              studentId={student.id}
              recordEmails={guardianEmails.map((e) => e.email)}
              lifetimeMinutes={board.nipLifetimeMinutes}
              hasActiveNip={activeNip !== null}
            />
          )}
        </section>
      </div>

      <section className="stack" aria-labelledby="attempts-title">
        <h2 id="attempts-title">{t("attempts")}</h2>
        {attempts.length === 0 ? (
          <p className="muted">{t("noAttempts")}</p>
        ) : (
          attempts.map((attempt) => <AttemptDiagnosis key={attempt.id} attempt={attempt} showStudent={false} />)
        )}
      </section>
    </main>
  );
}
