import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AccountActionButton } from "@/app/admin/(back-office)/comptes/[compte]/_components/account-action-button";
import { AttemptDiagnosis } from "@/components/admin/attempt-diagnosis";
import { RevokeAssociationDialog } from "@/components/admin/revoke-association-form";
import { TableCard } from "@/components/admin/table-card";
import { getParentAccountForStaff, type ParentAccountDetail } from "@/db/queries/parent-accounts-admin";
import { accountThrottlePolicy } from "@/db/queries/auth";
import { mayActOnRecords } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { maskAddress } from "@/lib/client-ip";

type Params = { compte: string };

async function load(params: Promise<Params>): Promise<ParentAccountDetail> {
  const { scope } = await requireStaff();
  const { compte } = await params;
  let key: string;
  try {
    key = decodeURIComponent(compte);
  } catch {
    notFound();
  }
  // No account and an account outside the scope look the same.
  const detail = key.length <= 254 ? await getParentAccountForStaff(scope, key) : null;
  if (!detail) notFound();
  return detail;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { account } = await load(params);
  return { title: account.email };
}

function codeState(code: ParentAccountDetail["codes"][number], now: number) {
  if (code.consumedAt) return "used";
  if (code.verifiedAt) return "verified";
  return code.expiresAt.getTime() <= now ? "expired" : "active";
}

const emailBadge = { pending: "badge-warn", sent: "", delivered: "badge-ok", failed: "badge-danger" } as const;

export default async function ParentAccountPage({ params }: { params: Promise<Params> }) {
  const detail = await load(params);
  const canAct = mayActOnRecords((await requireStaff()).staff.role);
  const t = await getTranslations("adminAccounts");
  const format = await getFormatter();
  const { account, lockout, signIns, codes, emails, children, attempts } = detail;
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  const short = (date: Date) => format.dateTime(date, { dateStyle: "short", timeStyle: "short" });
  const now = Date.now();
  const lockedUntil = lockout.locked ? new Date(now + lockout.retryAfterSeconds * 1000) : null;
  const template = (name: string) => (t.has(`templates.${name}`) ? t(`templates.${name}`) : name);

  return (
    <main id="main" className="container-wide stack">
      <p>
        <StaffLink href={`/admin/comptes?q=${encodeURIComponent(account.email)}`}>{t("backToSearch")}</StaffLink>
      </p>
      <h1 className="mono">{account.email}</h1>
      <p className="row">
        <span className="badge badge-ok">{t("existsBadge")}</span>
        {account.disabledAt && <span className="badge badge-danger">{t("disabled")}</span>}
        {lockout.locked && <span className="badge badge-danger">{t("locked")}</span>}
      </p>

      <div className="student-grid">
        <section className="card stack" aria-labelledby="account-title">
          <h2 id="account-title">{t("account")}</h2>
          <dl className="facts">
            <dt>{t("created")}</dt>
            <dd>{when(account.createdAt)}</dd>
            <dt>{t("verified")}</dt>
            <dd>{when(account.emailVerifiedAt)}</dd>
            <dt>{t("lastSignIn")}</dt>
            <dd>{when(account.lastSigninAt)}</dd>
            <dt>{t("language")}</dt>
            <dd>{account.locale === "en" ? "English" : "Français"}</dd>
            {account.disabledAt && (
              <>
                <dt>{t("disabledSince")}</dt>
                <dd>{when(account.disabledAt)}</dd>
              </>
            )}
          </dl>
          <p>
            <StaffLink href={`/admin/journal?account=${encodeURIComponent(account.email)}`}>{t("journalLink")}</StaffLink>
          </p>
        </section>

        <section className="card stack" aria-labelledby="signin-title">
          <h2 id="signin-title">{t("signIn")}</h2>
          {lockout.locked && lockedUntil ? (
            <p className="alert alert-error">
              {t("lockedFor", {
                failures: lockout.consecutiveFailures,
                until: format.dateTime(lockedUntil, { timeStyle: "medium" }),
              })}
            </p>
          ) : lockout.consecutiveFailures > 0 ? (
            <p className="alert alert-warn">{t("recentFailures", { failures: lockout.consecutiveFailures })}</p>
          ) : (
            <p>{t("noRecentFailures")}</p>
          )}
          {lockout.accountRetryAfterSeconds > 0 ? (
            <p className="alert alert-error">
              {t("accountWideLocked", {
                failures: lockout.consecutiveFailures,
                until: format.dateTime(new Date(now + lockout.accountRetryAfterSeconds * 1000), { timeStyle: "medium" }),
              })}
            </p>
          ) : (
            <p>{t("accountWide", { failures: lockout.consecutiveFailures, threshold: accountThrottlePolicy.freeFailures })}</p>
          )}
          {lockout.addresses.length > 0 && (
            <>
              <p className="muted">{t("byAddressExplain")}</p>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("colAddress")}</th>
                      <th scope="col">{t("colFailures")}</th>
                      <th scope="col">{t("colLastFailure")}</th>
                      <th scope="col">{t("colAddressState")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lockout.addresses.map((a) => (
                      <tr key={a.ip ?? "unknown"}>
                        <td className="mono">{a.ip ? maskAddress(a.ip) : t("unknownAddress")}</td>
                        <td>{a.failures}</td>
                        <td>{short(a.lastFailureAt)}</td>
                        <td>
                          {a.retryAfterSeconds > 0
                            ? t("addressLockedUntil", { until: format.dateTime(new Date(now + a.retryAfterSeconds * 1000), { timeStyle: "medium" }) })
                            : t("addressOpen")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {canAct && <AccountActionButton kind="liftLockout" accountId={account.id} email={account.email} available={lockout.consecutiveFailures > 0} />}
        </section>

        <section className="card stack" aria-labelledby="reset-title">
          <h2 id="reset-title">{t("reset")}</h2>
          <p className="muted">{t("resetExplain")}</p>
          {account.disabledAt ? <p>{t("resetDisabled")}</p> : canAct && <AccountActionButton kind="startReset" accountId={account.id} email={account.email} />}
        </section>
      </div>

      <TableCard
        id="children"
        title={t("children")}
        explain={t("childrenExplain")}
        empty={children.length === 0 ? t("noChildren") : null}
        columns={[{ label: t("colStudent") }, { label: t("colSchool") }, { label: t("colState") }, { label: t("colActions"), hidden: true }]}
      >
        {children.map((child) => (
          <tr key={child.student.id}>
            <td>
              <StaffLink href={`/admin/eleves/${child.student.id}`}>{`${child.student.lastName}, ${child.student.firstName}`}</StaffLink>
            </td>
            <td>
              {child.student.schoolName} <span className="muted small">({child.student.boardName})</span>
            </td>
            <td>
              <div className="cell-stack">
                {child.association ? (
                  <span className="badge badge-ok">
                    {t("associatedSince", {
                      since: when(child.association.since),
                      method: child.association.method === "nip" ? t("methodNip") : t("methodMatch"),
                    })}
                  </span>
                ) : (
                  <span className="badge badge-warn">{t("notAssociated")}</span>
                )}
                {child.emailOnRecord && <span className="small">{t("emailOnRecord")}</span>}
                {child.revokedAssociations.map((r) => (
                  <span key={r.id} className="small muted">
                    {t("revokedOn", { since: when(r.since), revokedAt: when(r.revokedAt) })}
                  </span>
                ))}
              </div>
            </td>
            <td>{child.association && <RevokeAssociationDialog associationId={child.association.id} email={account.email} />}</td>
          </tr>
        ))}
      </TableCard>

      <div className="student-grid">
        <TableCard
          id="signins"
          title={t("signInEvents")}
          empty={signIns.length === 0 ? t("noSignIns") : null}
          columns={[{ label: t("colWhen") }, { label: t("colEvent") }, { label: t("colOutcome") }]}
        >
          {signIns.map((e) => (
            <tr key={e.id}>
              <td>{short(e.createdAt)}</td>
              <td>{t.has(`events.${e.kind}`) ? t(`events.${e.kind}`) : e.kind}</td>
              <td>
                <span className={e.success ? "badge badge-ok" : "badge badge-danger"}>{e.success ? t("success") : t("failure")}</span>
              </td>
            </tr>
          ))}
        </TableCard>

        <TableCard
          id="codes"
          title={t("codes")}
          explain={t("codesExplain")}
          empty={codes.length === 0 ? t("noCodes") : null}
          columns={[{ label: t("colWhen") }, { label: t("colPurpose") }, { label: t("colState") }, { label: t("colTries") }]}
        >
          {codes.map((code) => (
            <tr key={code.id}>
              <td>{short(code.createdAt)}</td>
              <td>{t(`purposes.${code.purpose}`)}</td>
              <td>{t(`codeStates.${codeState(code, now)}`)}</td>
              <td>{code.attempts}</td>
            </tr>
          ))}
        </TableCard>

        <TableCard
          id="emails"
          title={t("emails")}
          explain={t("emailsExplain")}
          empty={emails.length === 0 ? t("noEmails") : null}
          columns={[{ label: t("colWhen") }, { label: t("colEmail") }, { label: t("colDelivery") }]}
        >
          {emails.map((mail) => (
            <tr key={mail.id}>
              <td>{short(mail.createdAt)}</td>
              <td>{template(mail.template)}</td>
              <td>
                <div className="cell-stack">
                  <span className={`badge ${emailBadge[mail.status]}`}>{t(`deliveryStates.${mail.status}`)}</span>
                  {mail.deliveredAt ? (
                    <span className="small">{t("deliveredAt", { at: when(mail.deliveredAt) })}</span>
                  ) : mail.sentAt ? (
                    <span className="small">{t("sentAt", { at: when(mail.sentAt) })}</span>
                  ) : null}
                  {mail.lastError && <span className="small muted">{t("lastError", { error: mail.lastError })}</span>}
                </div>
              </td>
            </tr>
          ))}
        </TableCard>
      </div>

      <section className="stack" aria-labelledby="attempts-title">
        <h2 id="attempts-title">{t("attempts")}</h2>
        {attempts.length === 0 ? (
          <p className="muted">{t("noAttempts")}</p>
        ) : (
          attempts.map((attempt) => <AttemptDiagnosis key={attempt.id} attempt={attempt} />)
        )}
      </section>
    </main>
  );
}
