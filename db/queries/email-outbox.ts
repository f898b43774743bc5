// The email outbox: every message the app sends, its delivery state, and the views staff and the dev mailbox read.
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { emailOutbox } from "@/db/schema";

/** Addresses are compared and stored trimmed and lower-cased, as everywhere else in the app. */
export function normalizeRecipient(address: string): string {
  return address.trim().toLowerCase();
}

export type NewOutboxEmail = {
  to: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  /** Set for a code or a NIP: retried on the time-critical schedule, and never sent after it. */
  expiresAt?: Date | null;
  replyTo?: string | null;
  headers?: Record<string, string> | null;
};

/** Inserts a pending email; joins the caller's transaction so the email commits (or not) with what it announces. */
export async function insertOutboxEmail(executor: Executor, email: NewOutboxEmail): Promise<string> {
  const [row] = await executor
    .insert(emailOutbox)
    .values({ ...email, to: normalizeRecipient(email.to) })
    .returning({ id: emailOutbox.id });
  return row!.id;
}

export type ClaimedEmail = {
  id: string;
  to: string;
  subject: string;
  text: string | null;
  html: string | null;
  replyTo: string | null;
  headers: Record<string, string> | null;
  /** The attempt this claim is, counted before sending: results are recorded only if it is still the latest. */
  attempts: number;
  expiresAt: Date | null;
};

/**
 * Claims due pending emails for one delivery pass. The rows are locked (SKIP LOCKED, so concurrent passes
 * take different rows), then leased: counted as an attempt and pushed to `leaseUntil` before any network
 * call, so another instance does not pick them up while they are being sent, yet a crash mid-send retries.
 */
export async function claimDueEmails(options: { now: Date; limit: number; leaseUntil: Date }): Promise<ClaimedEmail[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      // Due by the pass's clock or the database's: an email queued this very millisecond carries the database's
      // microseconds (later than the app's millisecond clock), and the app's clock may lag the database's.
      .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, sql`greatest(${options.now.toISOString()}::timestamptz, now())`)))
      .orderBy(emailOutbox.nextAttemptAt)
      .limit(options.limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: options.leaseUntil })
      .where(
        inArray(
          emailOutbox.id,
          due.map((row) => row.id),
        ),
      )
      .returning({
        id: emailOutbox.id,
        to: emailOutbox.to,
        subject: emailOutbox.subject,
        text: emailOutbox.text,
        html: emailOutbox.html,
        replyTo: emailOutbox.replyTo,
        headers: emailOutbox.headers,
        attempts: emailOutbox.attempts,
        expiresAt: emailOutbox.expiresAt,
      });
  });
}

/** Still ours: pending and not re-claimed by another pass after our lease ran out. */
function stillClaimed(email: Pick<ClaimedEmail, "id" | "attempts">) {
  return and(
    eq(emailOutbox.id, email.id),
    eq(emailOutbox.status, "pending"),
    eq(emailOutbox.attempts, email.attempts),
  );
}

/** Accepted by the provider: the bodies go (they may hold a code), the provider's id stays for delivery events. */
export async function markEmailSent(email: ClaimedEmail, result: { providerMessageId: string; at: Date }) {
  await db
    .update(emailOutbox)
    .set({
      status: "sent",
      providerMessageId: result.providerMessageId,
      sentAt: result.at,
      lastError: null,
      text: null,
      html: null,
    })
    .where(stillClaimed(email));
}

/** Dev mailbox: the outbox row is the delivered message, so its bodies stay for /dev/mailbox to show. */
export async function markEmailDeliveredToMailbox(email: ClaimedEmail, at: Date) {
  await db
    .update(emailOutbox)
    .set({ status: "delivered", sentAt: at, deliveredAt: at, lastError: null })
    .where(stillClaimed(email));
}

export async function markEmailAttemptFailed(email: ClaimedEmail, failure: { error: string; retryAt: Date }) {
  await db
    .update(emailOutbox)
    .set({ lastError: failure.error, nextAttemptAt: failure.retryAt })
    .where(stillClaimed(email));
}

/** Given up: no more attempts, and the bodies go since whatever code they hold is now useless. */
export async function markEmailFailed(email: ClaimedEmail, error: string) {
  await db
    .update(emailOutbox)
    .set({ status: "failed", lastError: error, text: null, html: null })
    .where(stillClaimed(email));
}

export type DeliveryEvent =
  | { kind: "delivered"; providerMessageId: string; at: Date }
  | { kind: "bounced"; providerMessageId: string; at: Date; reason: string };

/** Applies a provider's delivery event; false when no sent email has that id (unknown, or already final). */
export async function recordDeliveryEvent(event: DeliveryEvent): Promise<boolean> {
  const rows =
    event.kind === "delivered"
      ? await db
          .update(emailOutbox)
          .set({ status: "delivered", deliveredAt: event.at })
          .where(and(eq(emailOutbox.providerMessageId, event.providerMessageId), eq(emailOutbox.status, "sent")))
          .returning({ id: emailOutbox.id })
      : await db
          .update(emailOutbox)
          .set({ status: "failed", lastError: event.reason })
          .where(
            and(
              eq(emailOutbox.providerMessageId, event.providerMessageId),
              inArray(emailOutbox.status, ["sent", "delivered"]),
            ),
          )
          .returning({ id: emailOutbox.id });
  return rows.length > 0;
}

/** The dev mailbox, newest first; bodies included (they are cleared once a real provider has the message). */
export async function listMailbox(options: { to?: string; limit?: number } = {}) {
  const { to, limit = 50 } = options;
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      template: emailOutbox.template,
      subject: emailOutbox.subject,
      text: emailOutbox.text,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      deliveredAt: emailOutbox.deliveredAt,
    })
    .from(emailOutbox)
    .where(to ? eq(emailOutbox.to, normalizeRecipient(to)) : undefined)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit);
}

export type MailboxMessage = Awaited<ReturnType<typeof listMailbox>>[number];

/** What staff may see of the emails sent to an address: whether and when, never the bodies. */
export async function emailHistoryFor(email: string, options: { limit?: number } = {}) {
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      deliveredAt: emailOutbox.deliveredAt,
      lastError: emailOutbox.lastError,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, normalizeRecipient(email)))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(options.limit ?? 50);
}

export type EmailHistoryEntry = Awaited<ReturnType<typeof emailHistoryFor>>[number];
