// Support tickets from the parents' side: intake from the help form and from inbound email (linked and routed in
// the same transaction), flood limits per address and per IP, and the parent's own view of their tickets.
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import {
  associationAttempts,
  guardianEmails,
  parentAccounts,
  students,
  supportTicketAttachments,
  supportTicketAttempts,
  supportTicketMessages,
  supportTickets,
  supportTicketStudents,
  type TicketStatus,
  type TicketTopic,
} from "@/db/schema";
import { normalizeEmail } from "@/lib/email-address";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { toLocale, type Locale } from "@/lib/i18n/locale";
import { parseStudentIdentifier } from "@/lib/identifiers";
import type { CheckedAttachment } from "@/lib/support/attachments";
import { LINKED_ATTEMPT_DAYS, LINKED_ATTEMPT_MAX, linkTicket, type RecordRef } from "@/lib/support/linking";
import { formatTicketReference } from "@/lib/support/reference";
import { replyAddressFor, ticketNumberFromAddresses } from "@/lib/support/reply-address";
import type { FailedStep } from "@/lib/support/topics";
import { nextStatus } from "@/lib/support/workflow";

export const TICKETS_PER_HOUR_PER_EMAIL = 5;
/** Anonymous requests can name any address: the sender's network is limited too (a school's shared network fits). */
export const TICKETS_PER_HOUR_PER_IP = 20;
/** Parent messages (replies) per ticket per hour, from the page or by email. */
export const MESSAGES_PER_HOUR_PER_TICKET = 20;

export type NewTicket = {
  parentAccountId: string | null;
  email: string;
  topic: TicketTopic;
  message: string;
  childName?: string;
  boardId?: number | null;
  schoolText?: string;
  fiche?: string;
  errorMessage?: string;
  failedStep?: FailedStep | null;
  failedAt?: Date | null;
  browser?: string | null;
  ip?: string | null;
  locale?: Locale;
  attachments?: CheckedAttachment[];
};

export type CreateTicketResult =
  | { ok: true; id: string; number: number; reference: string }
  | { ok: false; reason: "tooManyTickets" };

export const ticketLink = () => new URL("/aide/demandes", env.APP_URL).toString();
export const replyAddressOf = (number: number) => replyAddressFor(number, env.SUPPORT_EMAIL, env.NEXTAUTH_SECRET);

/** Flood limits, counted inside the transaction after an advisory lock per address and per IP. */
async function overLimits(tx: Transaction, email: string, ip: string | null | undefined): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"ticket:" + email}))`);
  const hourAgo = sql`now() - interval '1 hour'`;
  const [{ n }] = await tx
    .select({ n: count() })
    .from(supportTickets)
    .where(and(eq(supportTickets.email, email), gt(supportTickets.createdAt, hourAgo)));
  if (n >= TICKETS_PER_HOUR_PER_EMAIL) return true;
  if (!ip) return false;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"ticket-ip:" + ip}))`);
  const [{ m }] = await tx
    .select({ m: count() })
    .from(supportTickets)
    .where(and(eq(supportTickets.ip, ip), gt(supportTickets.createdAt, hourAgo)));
  return m >= TICKETS_PER_HOUR_PER_IP;
}

/** What the linking rule needs, read in the ticket's transaction. */
async function linkingFacts(tx: Transaction, input: { accountId: string | null; email: string; fiche?: string; boardId: number | null }) {
  const recordRef = { studentId: students.id, schoolId: students.schoolId, boardId: students.boardId };
  const attempts = input.accountId
    ? await tx
        .select({
          id: associationAttempts.id,
          createdAt: associationAttempts.createdAt,
          boardId: associationAttempts.boardId,
          success: associationAttempts.success,
          studentId: students.id,
          schoolId: students.schoolId,
          candidateBoardId: students.boardId,
        })
        .from(associationAttempts)
        .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
        .where(
          and(
            eq(associationAttempts.parentAccountId, input.accountId),
            gte(associationAttempts.createdAt, sql`now() - make_interval(days => ${LINKED_ATTEMPT_DAYS}::int)`),
          ),
        )
        .orderBy(desc(associationAttempts.createdAt))
        .limit(LINKED_ATTEMPT_MAX)
    : [];
  const recordsWithEmail: RecordRef[] = await tx
    .select(recordRef)
    .from(guardianEmails)
    .innerJoin(students, eq(students.id, guardianEmails.studentId))
    .where(and(eq(guardianEmails.email, input.email), isNull(students.archivedAt)))
    .orderBy(asc(students.id))
    .limit(20);
  const identifier = input.fiche ? parseStudentIdentifier(input.fiche) : null;
  const recordsWithTypedFiche: RecordRef[] =
    identifier && identifier.kind !== "invalid"
      ? await tx
          .select(recordRef)
          .from(students)
          .where(
            and(
              identifier.kind === "fiche" ? eq(students.fiche, identifier.fiche) : eq(students.codePermanent, identifier.codePermanent),
              input.boardId !== null ? eq(students.boardId, input.boardId) : undefined,
              isNull(students.archivedAt),
            ),
          )
          .limit(5)
      : [];
  return {
    attempts: attempts.map((a) => ({
      id: a.id,
      createdAt: a.createdAt,
      boardId: a.boardId,
      success: a.success,
      candidate: a.studentId !== null ? { studentId: a.studentId, schoolId: a.schoolId!, boardId: a.candidateBoardId! } : null,
    })),
    recordsWithEmail,
    recordsWithTypedFiche,
  };
}

type IntakeInput = NewTicket & { source: "form" | "email"; subject?: string | null; inbound?: { emailId: string; messageId: string | null } };

async function insertTicket(tx: Transaction, input: IntakeInput) {
  const email = normalizeEmail(input.email);
  let accountId = input.parentAccountId;
  let locale = input.locale;
  const [account] = await tx
    .select({ id: parentAccounts.id, locale: parentAccounts.locale })
    .from(parentAccounts)
    .where(accountId ? eq(parentAccounts.id, accountId) : eq(parentAccounts.email, email));
  accountId = account?.id ?? null;
  locale ??= toLocale(account?.locale);

  const facts = await linkingFacts(tx, { accountId, email, fiche: input.fiche, boardId: input.boardId ?? null });
  const linking = linkTicket({ ...facts, chosenBoardId: input.boardId ?? null, now: new Date() });

  const [ticket] = await tx
    .insert(supportTickets)
    .values({
      parentAccountId: accountId,
      email,
      boardId: linking.route.boardId,
      schoolId: linking.route.schoolId,
      topic: input.topic,
      source: input.source,
      subject: input.subject ?? null,
      childName: input.childName ?? null,
      schoolText: input.schoolText ?? null,
      fiche: input.fiche ?? null,
      errorMessage: input.errorMessage ?? null,
      failedStep: input.failedStep ?? null,
      failedAt: input.failedAt ?? null,
      browser: input.browser ?? null,
      ip: input.ip ?? null,
      locale,
      message: input.message,
    })
    .returning({ id: supportTickets.id, number: supportTickets.number });
  const [message] = await tx
    .insert(supportTicketMessages)
    .values({
      ticketId: ticket!.id,
      kind: "parent",
      body: input.message,
      inboundEmailId: input.inbound?.emailId ?? null,
      emailMessageId: input.inbound?.messageId ?? null,
    })
    .returning({ id: supportTicketMessages.id });
  await insertAttachments(tx, ticket!.id, message!.id, input.attachments ?? []);
  if (linking.students.length > 0) {
    await tx.insert(supportTicketStudents).values(linking.students.map((s) => ({ ticketId: ticket!.id, ...s }))).onConflictDoNothing();
  }
  if (linking.attemptIds.length > 0) {
    await tx.insert(supportTicketAttempts).values(linking.attemptIds.map((attemptId) => ({ ticketId: ticket!.id, attemptId })));
  }
  const reference = formatTicketReference(ticket!.number);
  await enqueueEmail(tx, {
    to: email,
    template: "support-received",
    locale,
    params: { reference, link: ticketLink() },
    replyTo: replyAddressOf(ticket!.number),
  });
  return { id: ticket!.id, number: ticket!.number, reference };
}

async function insertAttachments(tx: Transaction, ticketId: string, messageId: string, attachments: CheckedAttachment[]) {
  if (attachments.length === 0) return;
  await tx.insert(supportTicketAttachments).values(
    attachments.map((a) => ({ ticketId, messageId, fileName: a.fileName, contentType: a.contentType, size: a.size, content: a.content })),
  );
}

/**
 * Stores a help request from /aide with its attachments, links it (account, attempts, records) and routes it,
 * and queues the acknowledgement naming its reference — all in one transaction, unless the address or the IP
 * already sent too many in the last hour. Call deliverSoon() after.
 */
export async function createSupportTicket(ticket: NewTicket): Promise<CreateTicketResult> {
  return db.transaction(async (tx) => {
    const email = normalizeEmail(ticket.email);
    if (await overLimits(tx, email, ticket.ip)) return { ok: false as const, reason: "tooManyTickets" as const };
    const created = await insertTicket(tx, { ...ticket, email, source: "form" });
    return { ok: true as const, ...created };
  });
}

// ---------- Inbound email ----------

export type InboundEmail = {
  /** The provider's id of the received email: the same webhook delivered twice carries the same one. */
  emailId: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  inReplyTo: string[];
  attachments: CheckedAttachment[];
  /** Attachments left out (not an allowed type by their bytes, too large, or past the third). */
  refusedAttachments?: number;
};

/** Whether an inbound email (by the provider's id) is already on a ticket. */
export async function inboundAlreadyStored(emailId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: supportTicketMessages.id })
    .from(supportTicketMessages)
    .where(eq(supportTicketMessages.inboundEmailId, emailId));
  return Boolean(row);
}

export type InboundResult =
  | { kind: "duplicate" }
  | { kind: "created"; ticketId: string; reference: string }
  | { kind: "appended"; ticketId: string; reopened: boolean }
  | { kind: "refused"; reason: "tooManyTickets" | "tooManyMessages" };

/** Finds the ticket an inbound email answers: the reply token in its address, else its In-Reply-To/References. */
async function threadOf(tx: Transaction, email: InboundEmail, sender: string) {
  const number = ticketNumberFromAddresses(email.to, env.NEXTAUTH_SECRET);
  if (number !== null) {
    const [ticket] = await tx.select().from(supportTickets).where(eq(supportTickets.number, number)).for("update");
    if (ticket) return ticket;
  }
  if (email.inReplyTo.length === 0) return null;
  // A Message-ID is no secret: the fallback only threads mail from the ticket's own address.
  const [match] = await tx
    .select({ ticketId: supportTicketMessages.ticketId })
    .from(supportTicketMessages)
    .innerJoin(supportTickets, eq(supportTickets.id, supportTicketMessages.ticketId))
    .where(and(inArray(supportTicketMessages.emailMessageId, email.inReplyTo), eq(supportTickets.email, sender)))
    .orderBy(desc(supportTicketMessages.createdAt))
    .limit(1);
  if (!match) return null;
  const [ticket] = await tx.select().from(supportTickets).where(eq(supportTickets.id, match.ticketId)).for("update");
  return ticket ?? null;
}

/**
 * An email to the support address: a reply lands on its ticket (reopening it), a new message opens a ticket.
 * Idempotent on the provider's email id. Call deliverSoon() after.
 */
export async function receiveSupportEmail(email: InboundEmail): Promise<InboundResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"inbound:" + email.emailId}))`);
    const [seen] = await tx
      .select({ id: supportTicketMessages.id })
      .from(supportTicketMessages)
      .where(eq(supportTicketMessages.inboundEmailId, email.emailId));
    if (seen) return { kind: "duplicate" as const };
    const sender = normalizeEmail(email.from);
    const ticket = await threadOf(tx, email, sender);
    if (ticket) {
      const appended = await appendParentMessage(tx, ticket, email.text, {
        inbound: { emailId: email.emailId, messageId: email.messageId },
        attachments: email.attachments,
      });
      if (!appended.ok) return { kind: "refused" as const, reason: appended.reason };
      await noteRefusedAttachments(tx, ticket.id, email.refusedAttachments);
      return { kind: "appended" as const, ticketId: ticket.id, reopened: appended.reopened };
    }
    if (await overLimits(tx, sender, null)) return { kind: "refused" as const, reason: "tooManyTickets" as const };
    const created = await insertTicket(tx, {
      parentAccountId: null,
      email: sender,
      topic: "other",
      message: email.text || email.subject,
      subject: email.subject.slice(0, 300),
      source: "email",
      attachments: email.attachments,
      inbound: { emailId: email.emailId, messageId: email.messageId },
    });
    await noteRefusedAttachments(tx, created.id, email.refusedAttachments);
    return { kind: "created" as const, ticketId: created.id, reference: created.reference };
  });
}

async function noteRefusedAttachments(tx: Transaction, ticketId: string, count: number | undefined) {
  if (!count) return;
  await tx.insert(supportTicketMessages).values({
    ticketId,
    kind: "system",
    body: "attachmentsRefused",
    systemEvent: { code: "attachmentsRefused", params: { count } },
  });
}

/** A parent's message on a ticket (page or email): stored, and the ticket goes back to staff (reopened if need be). */
async function appendParentMessage(
  tx: Transaction,
  ticket: { id: string; status: string; resolvedAt: Date | null },
  body: string,
  options: { inbound?: { emailId: string; messageId: string | null }; attachments?: CheckedAttachment[] } = {},
): Promise<{ ok: true; reopened: boolean } | { ok: false; reason: "tooManyMessages" }> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(supportTicketMessages)
    .where(
      and(
        eq(supportTicketMessages.ticketId, ticket.id),
        eq(supportTicketMessages.kind, "parent"),
        gt(supportTicketMessages.createdAt, sql`now() - interval '1 hour'`),
      ),
    );
  if (n >= MESSAGES_PER_HOUR_PER_TICKET) return { ok: false, reason: "tooManyMessages" };
  const [message] = await tx
    .insert(supportTicketMessages)
    .values({
      ticketId: ticket.id,
      kind: "parent",
      body,
      inboundEmailId: options.inbound?.emailId ?? null,
      emailMessageId: options.inbound?.messageId ?? null,
    })
    .returning({ id: supportTicketMessages.id });
  await insertAttachments(tx, ticket.id, message!.id, options.attachments ?? []);
  const status = nextStatus(ticket.status as TicketStatus, { kind: "parent_wrote" })!;
  const reopened = ticket.status === "resolved" || ticket.status === "waiting";
  await tx
    .update(supportTickets)
    .set({
      status,
      resolvedAt: null,
      waitingSince: null,
      queueSince: reopened ? sql`now()` : undefined,
      updatedAt: sql`now()`,
    })
    .where(eq(supportTickets.id, ticket.id));
  if (reopened) {
    await tx.insert(supportTicketMessages).values({
      ticketId: ticket.id,
      kind: "system",
      body: "reopened",
      systemEvent: { code: "reopenedByParent" },
    });
  }
  return { ok: true, reopened };
}

// ---------- The parent's side (/aide/demandes) ----------

/** Tickets of a signed-in parent: tied to the account, or sent from its address. */
function ownedBy(account: { id: string; email: string }) {
  return or(eq(supportTickets.parentAccountId, account.id), eq(supportTickets.email, normalizeEmail(account.email)))!;
}

export async function ticketsOfParent(account: { id: string; email: string }) {
  return db
    .select({
      id: supportTickets.id,
      number: supportTickets.number,
      topic: supportTickets.topic,
      status: supportTickets.status,
      createdAt: supportTickets.createdAt,
      updatedAt: supportTickets.updatedAt,
    })
    .from(supportTickets)
    .where(ownedBy(account))
    .orderBy(desc(supportTickets.createdAt))
    .limit(100);
}

/** One ticket of the parent with the conversation they may read (their messages and staff replies, no notes). */
export async function ticketForParent(account: { id: string; email: string }, ticketId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(ticketId)) return null;
  const [ticket] = await db
    .select({
      id: supportTickets.id,
      number: supportTickets.number,
      topic: supportTickets.topic,
      status: supportTickets.status,
      createdAt: supportTickets.createdAt,
    })
    .from(supportTickets)
    .where(and(eq(supportTickets.id, ticketId), ownedBy(account)));
  if (!ticket) return null;
  const messages = await db
    .select({ id: supportTicketMessages.id, kind: supportTicketMessages.kind, body: supportTicketMessages.body, createdAt: supportTicketMessages.createdAt })
    .from(supportTicketMessages)
    .where(and(eq(supportTicketMessages.ticketId, ticket.id), inArray(supportTicketMessages.kind, ["parent", "staff"])))
    .orderBy(asc(supportTicketMessages.createdAt), asc(supportTicketMessages.id));
  return { ...ticket, reference: formatTicketReference(ticket.number), messages };
}

export type ParentReplyResult = { ok: true; reopened: boolean } | { ok: false; reason: "notFound" | "tooManyMessages" };

export async function replyAsParent(account: { id: string; email: string }, ticketId: string, body: string): Promise<ParentReplyResult> {
  if (!/^[0-9a-f-]{36}$/i.test(ticketId)) return { ok: false, reason: "notFound" };
  return db.transaction(async (tx) => {
    const [ticket] = await tx
      .select()
      .from(supportTickets)
      .where(and(eq(supportTickets.id, ticketId), ownedBy(account)))
      .for("update");
    if (!ticket) return { ok: false as const, reason: "notFound" as const };
    return appendParentMessage(tx, ticket, body);
  });
}
