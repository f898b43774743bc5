import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { DeleteAccountForm, EmailChangeForm, PasswordChangeForm, SignOutOthersButton } from "@/app/(parent)/compte/_components/account-forms";
import { activeSessions } from "@/db/queries/own-account";
import { passwordPolicyForParent } from "@/db/queries/password-policy";
import { currentSessionId, requireParent } from "@/lib/auth/session";
import { timeZone } from "@/lib/i18n/locale";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const parent = await requireParent();
  const t = await getTranslations("account");
  const format = await getFormatter();
  const [sessions, policy] = await Promise.all([activeSessions(parent.id, await currentSessionId()), passwordPolicyForParent(parent.id)]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone });

  return (
    <main id="main" className="container stack">
      <h1>{t("title")}</h1>

      <section className="card stack" aria-labelledby="email-title">
        <h2 id="email-title">{t("email.title")}</h2>
        <p>{t("email.current", { email: parent.email })}</p>
        <p className="alert alert-warn">{t("email.warning")}</p>
        <EmailChangeForm />
      </section>

      <section className="card stack" aria-labelledby="password-title">
        <h2 id="password-title">{t("password.title")}</h2>
        <PasswordChangeForm policy={policy} />
      </section>

      <section className="card stack" aria-labelledby="sessions-title" data-testid="sessions">
        <h2 id="sessions-title">{t("sessions.title")}</h2>
        <p className="muted">{t("sessions.intro")}</p>
        <ul className="plain-list stack">
          {sessions.map((session) => (
            <li key={session.id} data-testid="session">
              <strong>{session.userAgent ?? t("sessions.unknownDevice")}</strong>
              {session.current && <span className="badge badge-ok"> {t("sessions.this")}</span>}
              <br />
              <span className="muted small">
                {session.ip ? `${session.ip} · ` : ""}
                {t("sessions.startedAt", { date: when(session.createdAt) })} · {t("sessions.lastSeen", { date: when(session.lastSeenAt) })}
              </span>
            </li>
          ))}
        </ul>
        <SignOutOthersButton />
      </section>

      <section className="card stack" aria-labelledby="export-title">
        <h2 id="export-title">{t("export.title")}</h2>
        <p>{t("export.intro")}</p>
        <p className="row">
          <a className="button" href="/compte/export?format=json" download>
            {t("export.json")}
          </a>
          <a className="button secondary" href="/compte/export?format=csv" download>
            {t("export.csv")}
          </a>
        </p>
      </section>

      <section className="card stack" aria-labelledby="delete-title">
        <h2 id="delete-title">{t("delete.title")}</h2>
        <p>{t("delete.intro")}</p>
        <DeleteAccountForm />
      </section>
    </main>
  );
}
