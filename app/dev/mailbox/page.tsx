// The dev mailbox: every email the app "sent" when no provider is configured, so a tester can read a code.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { listMailbox } from "@/db/queries/email-outbox";
import { devMailboxEnabled } from "@/lib/env";
import { LinkifiedText } from "@/app/dev/mailbox/_components/linkified-text";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("mailbox"))("title"), robots: { index: false } };
}

const statusBadge = { pending: "badge-warn", sent: "badge-ok", delivered: "badge-ok", failed: "badge-danger" } as const;

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  if (!devMailboxEnabled) notFound();
  const t = await getTranslations("mailbox");
  const format = await getFormatter();
  const { to } = await searchParams;
  const recipient = typeof to === "string" && to.trim() ? to.trim() : undefined;
  const messages = await listMailbox({ to: recipient, limit: 100 });

  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <form method="get" className="row" role="search">
        <label htmlFor="mailbox-to">{t("filterLabel")}</label>
        <input id="mailbox-to" name="to" type="search" defaultValue={recipient} style={{ maxWidth: "24rem" }} />
        <button type="submit">{t("filterSubmit")}</button>
        {recipient && <Link href="/dev/mailbox">{t("showAll")}</Link>}
      </form>
      {messages.length === 0 && <p>{t("empty")}</p>}
      {messages.map((message) => (
        <article key={message.id} data-testid="mail" className="card stack">
          <h2 style={{ margin: 0, fontSize: "1.15rem" }}>{message.subject}</h2>
          <p className="row muted" style={{ margin: 0 }}>
            <span>
              {t("to")} <strong data-testid="mail-to">{message.to}</strong>
            </span>
            <span>
              {t("at")} {format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
            </span>
            <span className={`badge ${statusBadge[message.status]}`}>{t(`status.${message.status}`)}</span>
            <span>
              {t("template")} {message.template}
            </span>
          </p>
          {message.text === null ? (
            <p className="muted">{t("bodyRemoved")}</p>
          ) : (
            <pre data-testid="mail-text" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0, font: "inherit" }}>
              <LinkifiedText text={message.text} />
            </pre>
          )}
        </article>
      ))}
    </main>
  );
}
