// Support requests sent from the help page.
import { and, count, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { supportTickets } from "@/db/schema";

export const TICKETS_PER_HOUR_PER_EMAIL = 5;
/** Anonymous requests can name any address: the sender's network is limited too (a school's shared network fits). */
export const TICKETS_PER_HOUR_PER_IP = 20;

export type NewTicket = {
  parentAccountId: string | null;
  email: string;
  section: string;
  childName?: string;
  errorMessage?: string;
  message: string;
  browser?: string;
  ip?: string | null;
};

/** Stores a ticket unless the email address, or the network address it came from, sent too many in the last hour. */
export async function createSupportTicket(ticket: NewTicket): Promise<{ ok: true; id: string } | { ok: false; reason: "tooManyTickets" }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"ticket:" + ticket.email}))`);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(supportTickets)
      .where(and(eq(supportTickets.email, ticket.email), gt(supportTickets.createdAt, new Date(Date.now() - 3600_000))));
    if (n >= TICKETS_PER_HOUR_PER_EMAIL) return { ok: false, reason: "tooManyTickets" };
    if (ticket.ip) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"ticket-ip:" + ticket.ip}))`);
      const [{ fromIp }] = await tx
        .select({ fromIp: count() })
        .from(supportTickets)
        .where(and(eq(supportTickets.ip, ticket.ip), gt(supportTickets.createdAt, new Date(Date.now() - 3600_000))));
      if (fromIp >= TICKETS_PER_HOUR_PER_IP) return { ok: false, reason: "tooManyTickets" };
    }
    const [row] = await tx.insert(supportTickets).values(ticket).returning({ id: supportTickets.id });
    return { ok: true, id: row!.id };
  });
}
