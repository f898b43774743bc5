// Support requests sent from the help page.
import { and, count, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { supportTickets } from "@/db/schema";

export const TICKETS_PER_HOUR_PER_EMAIL = 5;

export type NewTicket = {
  parentAccountId: string | null;
  email: string;
  section: string;
  childName?: string;
  errorMessage?: string;
  message: string;
  browser?: string;
};

/** Stores a ticket unless the address already sent too many in the last hour. */
export async function createSupportTicket(ticket: NewTicket): Promise<{ ok: true; id: string } | { ok: false; reason: "tooManyTickets" }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"ticket:" + ticket.email}))`);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(supportTickets)
      .where(and(eq(supportTickets.email, ticket.email), gt(supportTickets.createdAt, new Date(Date.now() - 3600_000))));
    if (n >= TICKETS_PER_HOUR_PER_EMAIL) return { ok: false, reason: "tooManyTickets" };
    const [row] = await tx.insert(supportTickets).values(ticket).returning({ id: supportTickets.id });
    return { ok: true, id: row!.id };
  });
}
