// The support desk as staff use it: the scoped queue, a ticket with its conversation and links, and every staff
// change (reply, note, status, assignment, route, links, fixes) written with its audit row in one transaction.
//
// Scope: a ticket belongs to the school and board it is routed to. A secretary reads the tickets routed to her
// schools; board support and privacy officers their board's (routed to one of its schools or to the board only);
// admins every ticket, including the service-centre queue (no board).
import { and, asc, count, desc, eq, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import {
  parentAccounts,
  savedReplies,
  schoolBoards,
  schools,
  staffSchools,
  staffUsers,
  students,
  supportTicketAttachments,
  supportTicketAttempts,
  supportTicketMessages,
  supportTickets,
  supportTicketStudents,
  type SupportTicket,
  type TicketStatus,
} from "@/db/schema";
import { authEventsFor, throttleState } from "@/db/queries/auth";
import { emailHistoryFor } from "@/db/queries/email-outbox";
import { replyAddressOf, ticketLink } from "@/db/queries/support-tickets";
import { recordAudit, type AuditAction } from "@/lib/audit";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { toLocale } from "@/lib/i18n/locale";
import { formatTicketReference } from "@/lib/support/reference";
import { fillSavedReply } from "@/lib/support/saved-reply";
import { nextStatus } from "@/lib/support/workflow";
import { TICKET_PAGE_SIZE, type TicketFilters } from "@/lib/validations/support-desk";
import { startPeriodicJob } from "@/lib/periodic-job";

export function ticketScopeFilter(scope: StaffScope): SQL {
  return scopeFilter(scope, { boardId: supportTickets.boardId, schoolId: supportTickets.schoolId });
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

// ---------- The queue ----------

export type TicketRow = {
  id: string;
  reference: string;
  email: string;
  topic: string;
  status: TicketStatus;
  source: string;
  childName: string | null;
  failedStep: string | null;
  schoolName: string | null;
  boardName: string | null;
  assignee: string | null;
  queueSince: Date;
  createdAt: Date;
};

export type TicketQueue = {
  rows: TicketRow[];
  /** Tickets per status under the other filters. */
  counts: Record<TicketStatus, number>;
  total: number;
  page: number;
  pageSize: number;
};

function queueConditions(scope: StaffScope, staffId: string, filters: TicketFilters, withStatus: boolean): SQL[] {
  const conditions: (SQL | undefined)[] = [ticketScopeFilter(scope)];
  if (withStatus) {
    if (filters.status === "active") conditions.push(inArray(supportTickets.status, ["new", "open", "waiting"]));
    else if (filters.status !== "all") conditions.push(eq(supportTickets.status, filters.status));
  }
  if (filters.topic) conditions.push(eq(supportTickets.topic, filters.topic));
  if (filters.school) conditions.push(eq(supportTickets.schoolId, filters.school));
  if (filters.assigned === "me") conditions.push(eq(supportTickets.assignedStaffId, staffId));
  if (filters.assigned === "none") conditions.push(isNull(supportTickets.assignedStaffId));
  if (filters.age) conditions.push(lte(supportTickets.queueSince, sql`now() - make_interval(days => ${filters.age}::int)`));
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** The queue in the scope, oldest waiting first (or newest first), with the counts per status. */
export async function searchTicketsForStaff(scope: StaffScope, staffId: string, filters: TicketFilters): Promise<TicketQueue> {
  const where = and(...queueConditions(scope, staffId, filters, true));
  const order =
    filters.order === "newest" ? [desc(supportTickets.queueSince), desc(supportTickets.id)] : [asc(supportTickets.queueSince), asc(supportTickets.id)];
  const [rows, perStatus] = await Promise.all([
    db
      .select({
        id: supportTickets.id,
        number: supportTickets.number,
        email: supportTickets.email,
        topic: supportTickets.topic,
        status: supportTickets.status,
        source: supportTickets.source,
        childName: supportTickets.childName,
        failedStep: supportTickets.failedStep,
        schoolName: schools.name,
        boardName: schoolBoards.name,
        assignee: staffUsers.name,
        queueSince: supportTickets.queueSince,
        createdAt: supportTickets.createdAt,
      })
      .from(supportTickets)
      .leftJoin(schools, eq(schools.id, supportTickets.schoolId))
      .leftJoin(schoolBoards, eq(schoolBoards.id, supportTickets.boardId))
      .leftJoin(staffUsers, eq(staffUsers.id, supportTickets.assignedStaffId))
      .where(where)
      .orderBy(...order)
      .limit(TICKET_PAGE_SIZE)
      .offset((filters.page - 1) * TICKET_PAGE_SIZE),
    db
      .select({ status: supportTickets.status, n: count() })
      .from(supportTickets)
      .where(and(...queueConditions(scope, staffId, filters, false)))
      .groupBy(supportTickets.status),
  ]);
  const counts: Record<TicketStatus, number> = { new: 0, open: 0, waiting: 0, resolved: 0 };
  for (const row of perStatus) counts[row.status as TicketStatus] = row.n;
  const total =
    filters.status === "all"
      ? counts.new + counts.open + counts.waiting + counts.resolved
      : filters.status === "active"
        ? counts.new + counts.open + counts.waiting
        : counts[filters.status];
  return {
    rows: rows.map(({ number, status, ...row }) => ({ ...row, status: status as TicketStatus, reference: formatTicketReference(number) })),
    counts,
    total,
    page: filters.page,
    pageSize: TICKET_PAGE_SIZE,
  };
}

// ---------- One ticket ----------

export type TicketMessageView = {
  id: string;
  kind: "parent" | "staff" | "note" | "system";
  body: string;
  systemEvent: { code: string; params?: Record<string, string | number> } | null;
  author: string | null;
  createdAt: Date;
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
};

export type TicketDetail = {
  ticket: SupportTicket & { reference: string; schoolName: string | null; boardName: string | null; assignee: string | null };
  messages: TicketMessageView[];
  /** Linked students the staff member may read (the others are counted, not shown). */
  students: { id: number; lastName: string; firstName: string; fiche: string; schoolName: string; schoolPhone: string | null; reason: string }[];
  hiddenStudents: number;
  attemptIds: string[];
  accountId: string | null;
};

export async function getTicketForStaff(scope: StaffScope, ticketId: string): Promise<TicketDetail | null> {
  if (!isUuid(ticketId)) return null;
  const [row] = await db
    .select({ ticket: supportTickets, schoolName: schools.name, boardName: schoolBoards.name, assignee: staffUsers.name })
    .from(supportTickets)
    .leftJoin(schools, eq(schools.id, supportTickets.schoolId))
    .leftJoin(schoolBoards, eq(schoolBoards.id, supportTickets.boardId))
    .leftJoin(staffUsers, eq(staffUsers.id, supportTickets.assignedStaffId))
    .where(and(eq(supportTickets.id, ticketId), ticketScopeFilter(scope)));
  if (!row) return null;
  const [messages, attachments, linked, attempts] = await Promise.all([
    db
      .select({
        id: supportTicketMessages.id,
        kind: supportTicketMessages.kind,
        body: supportTicketMessages.body,
        systemEvent: supportTicketMessages.systemEvent,
        author: staffUsers.name,
        createdAt: supportTicketMessages.createdAt,
      })
      .from(supportTicketMessages)
      .leftJoin(staffUsers, eq(staffUsers.id, supportTicketMessages.authorStaffId))
      .where(eq(supportTicketMessages.ticketId, ticketId))
      .orderBy(asc(supportTicketMessages.createdAt), asc(supportTicketMessages.id))
      .limit(500),
    db
      .select({
        id: supportTicketAttachments.id,
        messageId: supportTicketAttachments.messageId,
        fileName: supportTicketAttachments.fileName,
        contentType: supportTicketAttachments.contentType,
        size: supportTicketAttachments.size,
      })
      .from(supportTicketAttachments)
      .where(eq(supportTicketAttachments.ticketId, ticketId)),
    db
      .select({
        id: students.id,
        lastName: students.lastName,
        firstName: students.firstName,
        fiche: students.fiche,
        schoolName: schools.name,
        schoolPhone: schools.phone,
        reason: supportTicketStudents.reason,
        inScope: scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId }).mapWith(Boolean),
      })
      .from(supportTicketStudents)
      .innerJoin(students, eq(students.id, supportTicketStudents.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .where(eq(supportTicketStudents.ticketId, ticketId))
      .orderBy(asc(supportTicketStudents.createdAt), asc(students.id)),
    db.select({ id: supportTicketAttempts.attemptId }).from(supportTicketAttempts).where(eq(supportTicketAttempts.ticketId, ticketId)),
  ]);
  return {
    ticket: { ...row.ticket, reference: formatTicketReference(row.ticket.number), schoolName: row.schoolName, boardName: row.boardName, assignee: row.assignee },
    messages: messages.map((m) => ({
      ...m,
      kind: m.kind as TicketMessageView["kind"],
      attachments: attachments.filter((a) => a.messageId === m.id).map(({ messageId: _, ...a }) => a),
    })),
    students: linked.filter((s) => s.inScope).map(({ inScope: _, ...s }) => s),
    hiddenStudents: linked.filter((s) => !s.inScope).length,
    attemptIds: attempts.map((a) => a.id),
    accountId: row.ticket.parentAccountId,
  };
}

/**
 * The account panel of a ticket: the author's account, its lockout, recent sign-ins and the emails sent to it.
 * The ticket is in the scope and the account wrote it, so its activity is shown to whoever handles the ticket;
 * the account page itself keeps its own visibility rule.
 */
export async function ticketAccountPanel(detail: TicketDetail) {
  if (!detail.accountId) return null;
  const [account] = await db
    .select({ id: parentAccounts.id, email: parentAccounts.email, createdAt: parentAccounts.createdAt, lastSigninAt: parentAccounts.lastSigninAt, disabledAt: parentAccounts.disabledAt })
    .from(parentAccounts)
    .where(eq(parentAccounts.id, detail.accountId));
  if (!account) return null;
  const [lockout, events, emails] = await Promise.all([
    throttleState("parent", account.email),
    authEventsFor("parent", account.email, 10),
    emailHistoryFor(account.email, { limit: 10 }),
  ]);
  return {
    account,
    lockout: { ...lockout, locked: lockout.retryAfterSeconds > 0 },
    signIns: events.map(({ id, kind, success, createdAt }) => ({ id, kind, success, createdAt })),
    emails,
  };
}

/** An attachment's bytes, only through a ticket in the scope. */
export async function getAttachmentForStaff(scope: StaffScope, ticketId: string, attachmentId: string) {
  if (!isUuid(ticketId) || !isUuid(attachmentId)) return null;
  const [row] = await db
    .select({
      fileName: supportTicketAttachments.fileName,
      contentType: supportTicketAttachments.contentType,
      content: supportTicketAttachments.content,
    })
    .from(supportTicketAttachments)
    .innerJoin(supportTickets, eq(supportTickets.id, supportTicketAttachments.ticketId))
    .where(and(eq(supportTicketAttachments.id, attachmentId), eq(supportTickets.id, ticketId), ticketScopeFilter(scope)));
  return row ?? null;
}

/** Staff who may take a ticket: admins, and the staff whose scope covers its route. */
export async function assignableStaff(ticket: { boardId: number | null; schoolId: number | null }, executor: Executor = db) {
  const covers = or(
    eq(staffUsers.role, "admin"),
    ticket.boardId !== null ? and(inArray(staffUsers.role, ["board_support", "privacy_officer"]), eq(staffUsers.boardId, ticket.boardId)) : undefined,
    ticket.schoolId !== null
      ? and(
          eq(staffUsers.role, "secretary"),
          sql`exists (select 1 from ${staffSchools} where ${staffSchools.staffUserId} = ${staffUsers.id} and ${staffSchools.schoolId} = ${ticket.schoolId})`,
        )
      : undefined,
  );
  return executor
    .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email })
    .from(staffUsers)
    .where(and(isNull(staffUsers.disabledAt), covers))
    .orderBy(asc(staffUsers.name))
    .limit(200);
}

// ---------- Staff changes ----------

export type TicketChangeFailure = "notFound" | "unchanged" | "badAssignee" | "badRoute" | "studentNotFound";
export type TicketChangeResult<T = undefined> = { ok: true; value: T } | { ok: false; reason: TicketChangeFailure };

class Rollback extends Error {
  constructor(readonly reason: TicketChangeFailure) {
    super(reason);
  }
}

/** Runs a change on a ticket in the scope, locked for the transaction; a Rollback becomes a typed failure. */
async function changeTicket<T>(
  scope: StaffScope,
  ticketId: string,
  work: (tx: Transaction, ticket: SupportTicket) => Promise<T>,
): Promise<TicketChangeResult<T>> {
  if (!isUuid(ticketId)) return { ok: false, reason: "notFound" };
  try {
    const value = await db.transaction(async (tx) => {
      const [ticket] = await tx
        .select()
        .from(supportTickets)
        .where(and(eq(supportTickets.id, ticketId), ticketScopeFilter(scope)))
        .for("update");
      if (!ticket) throw new Rollback("notFound");
      return work(tx, ticket);
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, reason: error.reason };
    throw error;
  }
}

async function audit(tx: Transaction, staffId: string | null, ticket: SupportTicket, action: AuditAction, details: Record<string, unknown> = {}) {
  await recordAudit(tx, {
    actor: staffId,
    action,
    boardId: ticket.boardId,
    schoolId: ticket.schoolId,
    parentAccountId: ticket.parentAccountId,
    details: { ticketId: ticket.id, reference: formatTicketReference(ticket.number), ...details },
  });
}

async function systemNote(tx: Transaction, ticketId: string, staffId: string | null, code: string, params?: Record<string, string | number>) {
  await tx.insert(supportTicketMessages).values({ ticketId, kind: "system", authorStaffId: staffId, body: code, systemEvent: { code, params } });
}

/** The status columns that go with a status. */
function statusColumns(status: TicketStatus) {
  return {
    status,
    resolvedAt: status === "resolved" ? sql`now()` : null,
    waitingSince: status === "waiting" ? sql`now()` : null,
    updatedAt: sql`now()`,
  };
}

/** A new ticket a staff member acts on is open from then on. */
async function openIfNew(tx: Transaction, staffId: string, ticket: SupportTicket) {
  if (nextStatus(ticket.status as TicketStatus, { kind: "staff_opened" }) === null) return;
  await tx.update(supportTickets).set(statusColumns("open")).where(eq(supportTickets.id, ticket.id));
  await audit(tx, staffId, ticket, "ticket.opened");
  ticket.status = "open";
}

export type ReplyInput = { body: string; resolve: boolean };

/**
 * A reply to the parent: stored, emailed through the outbox in the parent's language with the ticket's reply
 * address, and the ticket waits for the parent (or is resolved). Call deliverSoon() after.
 */
export async function replyToTicket(scope: StaffScope, staffId: string, ticketId: string, input: ReplyInput) {
  return changeTicket(scope, ticketId, async (tx, ticket) => {
    const reference = formatTicketReference(ticket.number);
    const [account] = ticket.parentAccountId
      ? await tx.select({ locale: parentAccounts.locale }).from(parentAccounts).where(eq(parentAccounts.id, ticket.parentAccountId))
      : [];
    const locale = toLocale(account?.locale ?? ticket.locale);
    const domain = env.SUPPORT_EMAIL.slice(env.SUPPORT_EMAIL.lastIndexOf("@") + 1);
    const [message] = await tx
      .insert(supportTicketMessages)
      .values({ ticketId: ticket.id, kind: "staff", authorStaffId: staffId, body: input.body })
      .returning({ id: supportTicketMessages.id });
    const messageId = `<ticket-${ticket.number}-${message!.id}@${domain}>`;
    const outboxId = await enqueueEmail(tx, {
      to: ticket.email,
      template: "support-reply",
      locale,
      params: { reference, body: input.body, link: ticketLink() },
      replyTo: replyAddressOf(ticket.number),
      headers: { "Message-ID": messageId },
    });
    await tx.update(supportTicketMessages).set({ emailMessageId: messageId, outboxEmailId: outboxId }).where(eq(supportTicketMessages.id, message!.id));
    const status = nextStatus(ticket.status as TicketStatus, { kind: "staff_replied", resolve: input.resolve })!;
    await tx
      .update(supportTickets)
      .set({ ...statusColumns(status), firstReplyAt: ticket.firstReplyAt ?? sql`now()` })
      .where(eq(supportTickets.id, ticket.id));
    await audit(tx, staffId, ticket, "ticket.replied", { messageId: message!.id, status, length: input.body.length });
    return { messageId: message!.id, status };
  });
}

/** An internal note: staff only, never emailed. */
export async function addInternalNote(scope: StaffScope, staffId: string, ticketId: string, body: string) {
  return changeTicket(scope, ticketId, async (tx, ticket) => {
    await openIfNew(tx, staffId, ticket);
    const [message] = await tx
      .insert(supportTicketMessages)
      .values({ ticketId: ticket.id, kind: "note", authorStaffId: staffId, body })
      .returning({ id: supportTicketMessages.id });
    await audit(tx, staffId, ticket, "ticket.note_added", { messageId: message!.id });
    return { messageId: message!.id };
  });
}

export async function setTicketStatus(scope: StaffScope, staffId: string, ticketId: string, status: TicketStatus) {
  return changeTicket(scope, ticketId, async (tx, ticket) => {
    const next = nextStatus(ticket.status as TicketStatus, { kind: "staff_set_status", status });
    if (next === null) throw new Rollback("unchanged");
    await tx.update(supportTickets).set(statusColumns(next)).where(eq(supportTickets.id, ticket.id));
    await systemNote(tx, ticket.id, staffId, "statusChanged", { from: ticket.status, to: next });
    await audit(tx, staffId, ticket, "ticket.status_changed", { before: ticket.status, after: next });
    return { status: next };
  });
}

export async function assignTicket(scope: StaffScope, staffId: string, ticketId: string, assigneeId: string | null) {
  return changeTicket(scope, ticketId, async (tx, ticket) => {
    if (ticket.assignedStaffId === assigneeId) throw new Rollback("unchanged");
    let assigneeName: string | null = null;
    if (assigneeId !== null) {
      const allowed = await assignableStaff(ticket, tx);
      const assignee = allowed.find((s) => s.id === assigneeId);
      if (!assignee) throw new Rollback("badAssignee");
      assigneeName = assignee.name;
    }
    await openIfNew(tx, staffId, ticket);
    await tx.update(supportTickets).set({ assignedStaffId: assigneeId, updatedAt: sql`now()` }).where(eq(supportTickets.id, ticket.id));
    await systemNote(tx, ticket.id, staffId, assigneeId ? "assigned" : "unassigned", assigneeName ? { name: assigneeName } : undefined);
    await audit(tx, staffId, ticket, "ticket.assigned", { before: ticket.assignedStaffId, after: assigneeId });
    return { assignee: assigneeName };
  });
}

/** Sends the ticket to a school (and its board), to a board only, or to the service-centre queue (neither). */
export async function rerouteTicket(scope: StaffScope, staffId: string, ticketId: string, route: { schoolId: number | null; boardId: number | null }) {
  return changeTicket(scope, ticketId, async (tx, ticket) => {
    let boardId = route.boardId;
    let label = "serviceCentre";
    if (route.schoolId !== null) {
      const [school] = await tx.select({ id: schools.id, boardId: schools.boardId, name: schools.name }).from(schools).where(eq(schools.id, route.schoolId));
      if (!school) throw new Rollback("badRoute");
      boardId = school.boardId;
      label = school.name;
    } else if (boardId !== null) {
      const [board] = await tx.select({ name: schoolBoards.name }).from(schoolBoards).where(eq(schoolBoards.id, boardId));
      if (!board) throw new Rollback("badRoute");
      label = board.name;
    }
    if (ticket.schoolId === route.schoolId && ticket.boardId === boardId) throw new Rollback("unchanged");
    await tx.update(supportTickets).set({ schoolId: route.schoolId, boardId, updatedAt: sql`now()` }).where(eq(supportTickets.id, ticket.id));
    await systemNote(tx, ticket.id, staffId, "rerouted", { to: label });
    // Audited under the route it leaves (the new one's staff see the system note on the ticket).
    await audit(tx, staffId, ticket, "ticket.rerouted", {
      before: { schoolId: ticket.schoolId, boardId: ticket.boardId },
      after: { schoolId: route.schoolId, boardId },
    });
    return { schoolId: route.schoolId, boardId };
  });
}

/** Links a student in the staff member's scope to the ticket, or unlinks one. */
export async function linkTicketStudent(scope: StaffScope, staffId: string, ticketId: string, studentId: number, link: boolean) {
  return changeTicket(scope, ticketId, async (tx, ticket) => {
    const [student] = await tx
      .select({ id: students.id, firstName: students.firstName, lastName: students.lastName })
      .from(students)
      .where(and(eq(students.id, studentId), scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId })));
    if (!student) throw new Rollback("studentNotFound");
    const name = `${student.firstName} ${student.lastName}`;
    if (link) {
      const inserted = await tx
        .insert(supportTicketStudents)
        .values({ ticketId: ticket.id, studentId, reason: "staff" })
        .onConflictDoNothing()
        .returning({ studentId: supportTicketStudents.studentId });
      if (inserted.length === 0) throw new Rollback("unchanged");
    } else {
      const deleted = await tx
        .delete(supportTicketStudents)
        .where(and(eq(supportTicketStudents.ticketId, ticket.id), eq(supportTicketStudents.studentId, studentId)))
        .returning({ studentId: supportTicketStudents.studentId });
      if (deleted.length === 0) throw new Rollback("unchanged");
    }
    await systemNote(tx, ticket.id, staffId, link ? "studentLinked" : "studentUnlinked", { name });
    await audit(tx, staffId, ticket, link ? "ticket.student_linked" : "ticket.student_unlinked", { studentId });
    return undefined;
  });
}

/** Links the record with a fiche (in the staff member's scope, the ticket's board first) to the ticket. */
export async function linkTicketStudentByFiche(scope: StaffScope, staffId: string, ticketId: string, fiche: string) {
  if (!isUuid(ticketId)) return { ok: false as const, reason: "notFound" as const };
  const [ticket] = await db
    .select({ boardId: supportTickets.boardId })
    .from(supportTickets)
    .where(and(eq(supportTickets.id, ticketId), ticketScopeFilter(scope)));
  if (!ticket) return { ok: false as const, reason: "notFound" as const };
  const found = await db
    .select({ id: students.id, boardId: students.boardId })
    .from(students)
    .where(and(eq(students.fiche, fiche), scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId })))
    .limit(10);
  const student = found.find((s) => s.boardId === ticket.boardId) ?? (found.length === 1 ? found[0] : undefined);
  if (!student) return { ok: false as const, reason: "studentNotFound" as const };
  return linkTicketStudent(scope, staffId, ticketId, student.id, true);
}

export type TicketFix = "guardianEmailChanged" | "nipIssued" | "ficheSent" | "lockoutLifted" | "resetStarted";

/** The system note (and audit row) of a fix made from the ticket; the fix itself has its own audit row. */
export async function recordTicketFix(scope: StaffScope, staffId: string, ticketId: string, fix: TicketFix, params: Record<string, string | number> = {}) {
  return changeTicket(scope, ticketId, async (tx, ticket) => {
    await openIfNew(tx, staffId, ticket);
    await systemNote(tx, ticket.id, staffId, `fix.${fix}`, params);
    await audit(tx, staffId, ticket, "ticket.fix_recorded", { fix, ...params });
    return undefined;
  });
}

// ---------- Saved replies ----------

/** The saved replies a ticket's staff may use: those of the ticket's board and those for every board. */
export async function savedRepliesFor(boardId: number | null) {
  return db
    .select()
    .from(savedReplies)
    .where(boardId === null ? isNull(savedReplies.boardId) : or(isNull(savedReplies.boardId), eq(savedReplies.boardId, boardId)))
    .orderBy(asc(savedReplies.title))
    .limit(100);
}

/** Placeholders of a saved reply, from the ticket: the first linked child's first name, the school and its phone. */
export async function savedReplyValues(detail: TicketDetail) {
  const child = detail.students[0];
  const [school] = detail.ticket.schoolId
    ? await db.select({ name: schools.name, phone: schools.phone }).from(schools).where(eq(schools.id, detail.ticket.schoolId))
    : [];
  return {
    prenom_enfant: child?.firstName ?? null,
    ecole: school?.name ?? child?.schoolName ?? null,
    telephone_ecole: school?.phone ?? child?.schoolPhone ?? null,
    reference: detail.ticket.reference,
  };
}

export async function filledSavedReplies(detail: TicketDetail) {
  const [replies, values] = await Promise.all([savedRepliesFor(detail.ticket.boardId), savedReplyValues(detail)]);
  return replies.map((r) => ({ id: r.id, title: r.title, locale: r.locale, body: fillSavedReply(r.body, values) }));
}

export type SavedReplyInput = { boardId: number | null; title: string; body: string; locale: "fr" | "en" };

/** Board staff keep their board's saved replies; only admins keep the ones for every board. */
export async function createSavedReply(scope: StaffScope, staffId: string, input: SavedReplyInput): Promise<TicketChangeResult<{ id: number }>> {
  const boardId = scope.kind === "board" ? scope.boardId : input.boardId;
  if (scope.kind === "schools" || (scope.kind === "board" && input.boardId !== null && input.boardId !== scope.boardId)) {
    return { ok: false, reason: "notFound" };
  }
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(savedReplies)
      .values({ boardId, title: input.title, body: input.body, locale: input.locale, createdByStaffId: staffId })
      .returning({ id: savedReplies.id });
    await recordAudit(tx, { actor: staffId, action: "saved_reply.created", boardId, details: { savedReplyId: row!.id, title: input.title } });
    return row!.id;
  });
  return { ok: true, value: { id } };
}

export async function deleteSavedReply(scope: StaffScope, staffId: string, id: number): Promise<TicketChangeResult> {
  if (scope.kind === "schools") return { ok: false, reason: "notFound" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(savedReplies)
      .where(and(eq(savedReplies.id, id), scope.kind === "board" ? eq(savedReplies.boardId, scope.boardId) : undefined))
      .returning();
    if (!row) return { ok: false as const, reason: "notFound" as const };
    await recordAudit(tx, { actor: staffId, action: "saved_reply.deleted", boardId: row.boardId, details: { savedReplyId: id, title: row.title } });
    return { ok: true as const, value: undefined };
  });
}

// ---------- Auto-close ----------

/**
 * Closes tickets that waited for the parent at least `days` days: resolved, a system note, an audit row (no
 * actor) and a notice to the parent, each ticket in its own transaction. Returns how many closed.
 */
export async function closeStaleTickets(options: { days?: number; limit?: number; now?: Date } = {}): Promise<number> {
  const days = options.days ?? env.SUPPORT_AUTO_CLOSE_DAYS;
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const due = await db
    .select({ id: supportTickets.id })
    .from(supportTickets)
    .where(and(eq(supportTickets.status, "waiting"), lte(supportTickets.waitingSince, cutoff)))
    .orderBy(asc(supportTickets.waitingSince))
    .limit(options.limit ?? 100);
  let closed = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [ticket] = await tx
        .select()
        .from(supportTickets)
        .where(and(eq(supportTickets.id, id), eq(supportTickets.status, "waiting"), lte(supportTickets.waitingSince, cutoff)))
        .for("update", { skipLocked: true });
      if (!ticket) return false;
      await tx.update(supportTickets).set(statusColumns("resolved")).where(eq(supportTickets.id, ticket.id));
      await systemNote(tx, ticket.id, null, "autoClosed", { days });
      const [account] = ticket.parentAccountId
        ? await tx.select({ locale: parentAccounts.locale }).from(parentAccounts).where(eq(parentAccounts.id, ticket.parentAccountId))
        : [];
      await enqueueEmail(tx, {
        to: ticket.email,
        template: "support-closed",
        locale: toLocale(account?.locale ?? ticket.locale),
        params: { reference: formatTicketReference(ticket.number), days, link: ticketLink() },
        replyTo: replyAddressOf(ticket.number),
      });
      await audit(tx, null, ticket, "ticket.auto_closed", { days });
      return true;
    });
    if (done) closed += 1;
  }
  return closed;
}

/** The in-process pass that closes stale waiting tickets (at start, then hourly; one per process, kept across dev reloads). */
export function startTicketAutoClose(intervalMs = 3_600_000) {
  startPeriodicJob({
    name: "ticket-auto-close",
    everyMs: intervalMs,
    firstAfterMs: 0,
    run: async () => {
      if ((await closeStaleTickets()) > 0) {
        const { deliverSoon } = await import("@/lib/email/deliver");
        void deliverSoon();
      }
    },
    onError: (error) =>
      console.error(`[support] auto-close pass failed (${error instanceof Error ? error.name : "error"}); next pass in an hour`),
  });
}

/** The saved replies a staff member may read: every board's, and their own board's (all of them for admins). */
export async function savedRepliesInScope(scope: StaffScope) {
  const boardIds = scope.kind === "board" ? [scope.boardId] : scope.kind === "schools" ? await boardsOfSchools(scope.schoolIds) : null;
  return db
    .select({ id: savedReplies.id, boardId: savedReplies.boardId, boardName: schoolBoards.name, title: savedReplies.title, body: savedReplies.body, locale: savedReplies.locale })
    .from(savedReplies)
    .leftJoin(schoolBoards, eq(schoolBoards.id, savedReplies.boardId))
    .where(boardIds === null ? undefined : or(isNull(savedReplies.boardId), boardIds.length > 0 ? inArray(savedReplies.boardId, boardIds) : sql`false`))
    .orderBy(asc(savedReplies.title))
    .limit(500);
}

async function boardsOfSchools(schoolIds: number[]): Promise<number[]> {
  if (schoolIds.length === 0) return [];
  const rows = await db.selectDistinct({ boardId: schools.boardId }).from(schools).where(inArray(schools.id, schoolIds));
  return rows.map((r) => r.boardId);
}
