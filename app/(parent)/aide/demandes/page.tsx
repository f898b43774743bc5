import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ticketsOfParent } from "@/db/queries/support-tickets";
import { requireParent } from "@/lib/auth/session";
import { formatTicketReference } from "@/lib/support/reference";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("supportRequests"))("title") };
}

export default async function MyRequestsPage() {
  const parent = await requireParent();
  const t = await getTranslations("supportRequests");
  const format = await getFormatter();
  const tickets = await ticketsOfParent(parent);
  return (
    <main id="main" className="container">
      <div className="card stack">
        <h1>{t("title")}</h1>
        {tickets.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul className="stack" data-testid="my-requests">
            {tickets.map((ticket) => (
              <li key={ticket.id}>
                <Link href={`/aide/demandes/${ticket.id}`}>{t("item", { reference: formatTicketReference(ticket.number), topic: t(`topics.${ticket.topic}` as never) })}</Link>{" "}
                <span className="badge">{t(`status.${ticket.status}` as never)}</span>{" "}
                <span className="muted small">{format.dateTime(ticket.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/aide">{t("newRequest")}</Link>
        </p>
      </div>
    </main>
  );
}
