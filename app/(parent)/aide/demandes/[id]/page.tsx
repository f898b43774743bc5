import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ParentReplyForm } from "@/app/(parent)/aide/demandes/[id]/_components/parent-reply-form";
import { ticketForParent } from "@/db/queries/support-tickets";
import { requireParent } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("supportRequests"))("title") };
}

export default async function MyRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const parent = await requireParent();
  const { id } = await params;
  const ticket = await ticketForParent(parent, id);
  if (!ticket) notFound();
  const t = await getTranslations("supportRequests");
  const format = await getFormatter();
  return (
    <main id="main" className="container">
      <div className="card stack">
        <p>
          <Link href="/aide/demandes">{t("back")}</Link>
        </p>
        <h1>{t("ticketTitle", { reference: ticket.reference })}</h1>
        <p>
          <span className="badge" data-testid="request-status">
            {t(`status.${ticket.status}` as never)}
          </span>{" "}
          {t(`topics.${ticket.topic}` as never)}
        </p>
        <ol className="conversation stack" data-testid="request-conversation">
          {ticket.messages.map((message) => (
            <li key={message.id} className={`card message message-${message.kind}`} data-kind={message.kind}>
              <p className="muted small">
                <strong>{t(message.kind === "staff" ? "fromSupport" : "fromYou")}</strong> ·{" "}
                {format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </p>
              <p className="message-body">{message.body}</p>
            </li>
          ))}
        </ol>
        <ParentReplyForm ticketId={ticket.id} resolved={ticket.status === "resolved"} />
      </div>
    </main>
  );
}
