// Sends what the outbox holds: claimed row by row across instances, retried with backoff, never lost on a failure.
import { DrizzleQueryError } from "drizzle-orm/errors";
import {
  claimDueEmails,
  markEmailAttemptFailed,
  markEmailDeliveredToMailbox,
  markEmailFailed,
  markEmailSent,
  type ClaimedEmail,
} from "@/db/queries/email-outbox";
import { MIN_USEFUL_SECONDS, nextAttemptAfterFailure } from "@/lib/email/retry-policy";
import { defaultEmailTransport, type EmailTransport, type SendOutcome } from "@/lib/email/transport";

export type DeliveryReport = { claimed: number; sent: number; delivered: number; retrying: number; failed: number };

export type DeliveryOptions = {
  limit?: number;
  transport?: EmailTransport;
  /** The pass's clock: which emails are due, and when a failed one is retried. */
  now?: Date;
};

/** Long enough for a whole batch to be sent one by one (each send has its own timeout). */
const leaseMsFor = (limit: number) => Math.max(5 * 60_000, limit * 15_000 + 60_000);

export async function deliverPendingEmails(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const { limit = 10, transport = defaultEmailTransport(), now = new Date() } = options;
  const claimed = await claimDueEmails({ now, limit, leaseUntil: new Date(now.getTime() + leaseMsFor(limit)) });
  const report: DeliveryReport = { claimed: claimed.length, sent: 0, delivered: 0, retrying: 0, failed: 0 };
  for (const email of claimed) {
    const outcome = tooLateToSend(email, now)
      ? { ok: false as const, permanent: true, error: "expired before it could be sent" }
      : await sendOne(transport, email);
    report[await recordOutcome(email, outcome, now)] += 1;
  }
  return report;
}

/** A code or NIP that could no longer be used once it arrives is not sent at all. */
function tooLateToSend(email: ClaimedEmail, now: Date): boolean {
  return email.expiresAt !== null && now.getTime() > email.expiresAt.getTime() - MIN_USEFUL_SECONDS * 1000;
}

async function sendOne(transport: EmailTransport, email: ClaimedEmail): Promise<SendOutcome> {
  if (email.text === null || email.html === null) return { ok: false, permanent: true, error: "no body to send" };
  try {
    return await transport.send({
      id: email.id,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      replyTo: email.replyTo,
      headers: email.headers,
    });
  } catch (error) {
    return { ok: false, permanent: false, error: error instanceof Error ? error.message.slice(0, 500) : "send failed" };
  }
}

async function recordOutcome(
  email: ClaimedEmail,
  outcome: SendOutcome,
  now: Date,
): Promise<"sent" | "delivered" | "retrying" | "failed"> {
  if (outcome.ok && outcome.via === "resend") {
    await markEmailSent(email, { providerMessageId: outcome.providerMessageId, at: new Date() });
    return "sent";
  }
  if (outcome.ok) {
    await markEmailDeliveredToMailbox(email, new Date());
    return "delivered";
  }
  const retryAt = outcome.permanent ? null : nextAttemptAfterFailure(email, now);
  if (retryAt === null) {
    await markEmailFailed(email, outcome.error);
    return "failed";
  }
  await markEmailAttemptFailed(email, { error: outcome.error, retryAt });
  return "retrying";
}

type DeliveryLoop = { running: Promise<void> | null; again: boolean; worker?: OutboxWorker };
const globalForDelivery = globalThis as unknown as { __emailDelivery?: DeliveryLoop };
const loop = (globalForDelivery.__emailDelivery ??= { running: null, again: false });

/** Batches per trigger, so a burst drains without one trigger looping forever. */
const MAX_BATCHES_PER_TRIGGER = 20;

async function drainOutbox() {
  for (let batch = 0; batch < MAX_BATCHES_PER_TRIGGER; batch++) {
    const { claimed } = await deliverPendingEmails();
    if (claimed === 0) return;
  }
}

/** A failed query's own message lists its parameters (addresses, bodies with codes): log its cause instead. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  if (error instanceof DrizzleQueryError) return error.cause instanceof Error ? error.cause.message : "query failed";
  return error.message;
}

/**
 * Starts a delivery pass without making the caller wait (call it once the transaction that queued an email
 * has committed). Triggers during a pass make it run once more. The promise never rejects.
 */
export function deliverSoon(): Promise<void> {
  if (loop.running) {
    loop.again = true;
    return loop.running;
  }
  loop.running = (async () => {
    try {
      do {
        loop.again = false;
        await drainOutbox();
      } while (loop.again);
    } catch (error) {
      console.error(`[email] delivery pass failed (${describeError(error)}); the worker will retry`);
    } finally {
      loop.running = null;
    }
  })();
  return loop.running;
}

export type OutboxWorker = { stop(): void };

/** The in-process retry loop; idempotent (one per process, kept across dev reloads). Its timer never keeps the process alive. */
export function startOutboxWorker(options: { intervalMs?: number } = {}): OutboxWorker {
  if (loop.worker) return loop.worker;
  // Every 5 s: the time-critical retry schedule starts at 5 s (one indexed query per tick and instance).
  const timer = setInterval(() => void deliverSoon(), options.intervalMs ?? 5_000);
  timer.unref();
  const worker: OutboxWorker = {
    stop() {
      clearInterval(timer);
      if (loop.worker === worker) loop.worker = undefined;
    },
  };
  loop.worker = worker;
  void deliverSoon();
  return worker;
}
