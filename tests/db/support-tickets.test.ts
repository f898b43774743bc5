import { beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import {
  auditLog,
  emailOutbox,
  parentAccounts,
  supportTicketAttachments,
  supportTicketAttempts,
  supportTicketMessages,
  supportTickets,
  supportTicketStudents,
  type School,
} from "@/db/schema";
import {
  createSupportTicket,
  replyAsParent,
  ticketForParent,
  ticketsOfParent,
  TICKETS_PER_HOUR_PER_EMAIL,
  TICKETS_PER_HOUR_PER_IP,
  type NewTicket,
} from "@/db/queries/support-tickets";
import {
  addInternalNote,
  assignTicket,
  closeStaleTickets,
  createSavedReply,
  filledSavedReplies,
  getAttachmentForStaff,
  getTicketForStaff,
  linkTicketStudent,
  linkTicketStudentByFiche,
  replyToTicket,
  rerouteTicket,
  searchTicketsForStaff,
  setTicketStatus,
} from "@/db/queries/support-desk";
import { checkAttachments } from "@/lib/support/attachments";
import { ticketFiguresForStaff } from "@/db/queries/ticket-figures";
import { ticketFilterSchema } from "@/lib/validations/support-desk";
import { supportRequestSchema } from "@/lib/validations/support";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, recordTestAttempt, secretaryOf } from "@/tests/helpers/staff-fixtures";
import { ownerDb } from "@/tests/helpers/test-database";

let run = 0;
let address: string;
beforeEach(() => {
  run += 1;
  address = `parent${run}@exemple.ca`;
});

const base = (values: Partial<NewTicket> = {}): NewTicket => ({
  parentAccountId: null,
  email: address,
  topic: "association",
  message: "Accès refusé sans raison.",
  ...values,
});

const filters = (values: Record<string, string> = {}) => ticketFilterSchema.parse(values);

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);

describe("intake from the help form", () => {
  it("links the account, its failed attempt and the record, routes to the record's school and acknowledges by email", async () => {
    const { school } = await createBoardWithSchool();
    const student = await createStudent(school, { guardianEmails: ["autre@exemple.ca"] });
    const parent = await createParent(address);
    const attempt = await recordTestAttempt({ parentAccountId: parent.id, boardId: school.boardId, candidateStudentId: student.id });
    const checked = await checkAttachments([{ name: "capture.png", bytes: png }]);
    if (!checked.ok) throw new Error("attachment refused");

    const failedAt = new Date(Date.now() - 60_000);
    const created = await createSupportTicket(
      base({ parentAccountId: parent.id, failedStep: "association_refused", failedAt, browser: "Firefox 140", ip: "192.0.2.7", attachments: checked.attachments }),
    );
    expect(created).toMatchObject({ ok: true, reference: expect.stringMatching(/^D-\d{6}$/) });
    if (!created.ok) return;

    const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect(ticket).toMatchObject({
      parentAccountId: parent.id,
      schoolId: school.id,
      boardId: school.boardId,
      status: "new",
      failedStep: "association_refused",
      browser: "Firefox 140",
    });
    expect(ticket!.failedAt?.getTime()).toBe(failedAt.getTime());
    expect(await db.select().from(supportTicketAttempts).where(eq(supportTicketAttempts.ticketId, created.id))).toEqual([
      { ticketId: created.id, attemptId: attempt.id },
    ]);
    expect((await db.select().from(supportTicketStudents).where(eq(supportTicketStudents.ticketId, created.id))).map((s) => [s.studentId, s.reason])).toEqual([
      [student.id, "attempt"],
    ]);
    const [attachment] = await db.select().from(supportTicketAttachments).where(eq(supportTicketAttachments.ticketId, created.id));
    expect(attachment).toMatchObject({ fileName: "capture.png", contentType: "image/png", size: png.byteLength });
    expect(Buffer.from(attachment!.content).equals(Buffer.from(png))).toBe(true);

    const [ack] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, address));
    expect(ack).toMatchObject({ template: "support-received", replyTo: expect.stringMatching(/^soutien\+\d+-[0-9a-f]{16}@/) });
    expect(ack!.subject).toContain(created.reference);
  });

  it("links the records carrying the email, and routes to the board chosen when no record is in it", async () => {
    const { school } = await createBoardWithSchool();
    const { board: other } = await createBoardWithSchool();
    const student = await createStudent(school, { guardianEmails: [address] });
    const created = await createSupportTicket(base({ boardId: other.id }));
    if (!created.ok) throw new Error("refused");
    const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect([ticket!.schoolId, ticket!.boardId]).toEqual([null, other.id]);
    expect((await db.select().from(supportTicketStudents).where(eq(supportTicketStudents.ticketId, created.id))).map((s) => s.studentId)).toEqual([student.id]);
  });

  it("links the record whose fiche the parent typed in the board chosen", async () => {
    const { board, school } = await createBoardWithSchool();
    const student = await createStudent(school);
    const created = await createSupportTicket(base({ boardId: board.id, fiche: `e00${student.fiche}` }));
    if (!created.ok) throw new Error("refused");
    const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect(ticket!.schoolId).toBe(school.id);
  });

  it("refuses a flood from one address, and from one IP across addresses", async () => {
    for (let i = 0; i < TICKETS_PER_HOUR_PER_EMAIL; i++) expect((await createSupportTicket(base())).ok).toBe(true);
    expect(await createSupportTicket(base())).toEqual({ ok: false, reason: "tooManyTickets" });
    expect(await db.$count(supportTickets, eq(supportTickets.email, address))).toBe(TICKETS_PER_HOUR_PER_EMAIL);

    const ip = `198.51.100.${run}`;
    for (let i = 0; i < TICKETS_PER_HOUR_PER_IP; i++) {
      expect((await createSupportTicket(base({ email: `ip${run}-${i}@exemple.ca`, ip }))).ok).toBe(true);
    }
    expect(await createSupportTicket(base({ email: `ip${run}-x@exemple.ca`, ip }))).toEqual({ ok: false, reason: "tooManyTickets" });
    expect(await db.$count(supportTickets, eq(supportTickets.email, `ip${run}-x@exemple.ca`))).toBe(0);
    expect((await createSupportTicket(base({ email: `ip${run}-y@exemple.ca`, ip: `203.0.113.${run}` }))).ok).toBe(true);
  });

  it("refuses hostile or oversized input before anything is written", () => {
    const form = { email: "x@exemple.ca", topic: "other", message: "Bonjour, j'ai un problème." };
    expect(supportRequestSchema.safeParse({ ...form, message: "x".repeat(10_000) }).success).toBe(false);
    expect(supportRequestSchema.safeParse({ ...form, topic: "'; drop table students; --" }).success).toBe(false);
    expect(supportRequestSchema.safeParse({ ...form, email: 42 }).success).toBe(false);
    expect(supportRequestSchema.safeParse({ ...form, attachments: [1, 2, 3, 4].map(() => ({ name: "a.png", size: 10 })) }).success).toBe(false);
    expect(supportRequestSchema.safeParse({ ...form, attachments: [{ name: "a.png", size: 6 * 1024 * 1024 }] }).success).toBe(false);
    expect(supportRequestSchema.safeParse({ ...form, childName: "<script>alert(1)</script>" }).success).toBe(true);
  });
});

describe("scope of the queue", () => {
  let schoolA: School;
  let schoolB: School;
  let ticketA: string;
  let ticketB: string;
  let unrouted: string;
  let serviceCentre: string;

  beforeEach(async () => {
    const created = await createBoardWithSchool();
    schoolA = created.school;
    schoolB = await createSchool(created.board);
    const studentA = await createStudent(schoolA, { guardianEmails: [`a${run}@exemple.ca`] });
    const studentB = await createStudent(schoolB, { guardianEmails: [`b${run}@exemple.ca`] });
    const make = async (values: Partial<NewTicket>) => {
      const result = await createSupportTicket(base(values));
      if (!result.ok) throw new Error("refused");
      return result.id;
    };
    ticketA = await make({ email: `a${run}@exemple.ca` });
    ticketB = await make({ email: `b${run}@exemple.ca` });
    unrouted = await make({ email: `c${run}@exemple.ca`, boardId: created.board.id });
    serviceCentre = await make({ email: `d${run}@exemple.ca` });
    expect([studentA.schoolId, studentB.schoolId]).toEqual([schoolA.id, schoolB.id]);
  });

  it("shows a secretary of school A no ticket of school B, not even by its id or attachment", async () => {
    const secretary = await secretaryOf(schoolA);
    const queue = await searchTicketsForStaff(secretary.scope, secretary.staff.id, filters());
    expect(queue.rows.map((r) => r.id)).toEqual([ticketA]);
    expect(queue.counts).toEqual({ new: 1, open: 0, waiting: 0, resolved: 0 });
    expect(await getTicketForStaff(secretary.scope, ticketB)).toBeNull();
    expect(await getAttachmentForStaff(secretary.scope, ticketB, crypto.randomUUID())).toBeNull();
    expect(await replyToTicket(secretary.scope, secretary.staff.id, ticketB, { body: "Bonjour", resolve: false })).toEqual({ ok: false, reason: "notFound" });
    expect(await addInternalNote(secretary.scope, secretary.staff.id, ticketB, "Note")).toEqual({ ok: false, reason: "notFound" });
    expect(await db.$count(supportTicketMessages, eq(supportTicketMessages.ticketId, ticketB))).toBe(1);
  });

  it("shows board support the board's tickets and its unrouted ones, and admins everything", async () => {
    const support = await boardSupportOf({ id: schoolA.boardId });
    const boardIds = (await searchTicketsForStaff(support.scope, support.staff.id, filters())).rows.map((r) => r.id).sort();
    expect(boardIds).toEqual([ticketA, ticketB, unrouted].sort());
    expect(await getTicketForStaff(support.scope, serviceCentre)).toBeNull();
    const admin = await anAdmin();
    for (const id of [ticketA, ticketB, unrouted, serviceCentre]) expect((await getTicketForStaff(admin.scope, id))?.ticket.id).toBe(id);
    const newest = await searchTicketsForStaff(admin.scope, admin.staff.id, filters({ order: "newest" }));
    expect(newest.rows.slice(0, 4).map((r) => r.id)).toEqual([serviceCentre, unrouted, ticketB, ticketA]);
  });

  it("filters by assignment and school, and counts per status", async () => {
    const support = await boardSupportOf({ id: schoolA.boardId });
    await assignTicket(support.scope, support.staff.id, ticketB, support.staff.id);
    const mine = await searchTicketsForStaff(support.scope, support.staff.id, filters({ assigned: "me" }));
    expect(mine.rows.map((r) => r.id)).toEqual([ticketB]);
    expect(mine.counts).toEqual({ new: 0, open: 1, waiting: 0, resolved: 0 });
    const unassigned = await searchTicketsForStaff(support.scope, support.staff.id, filters({ assigned: "none", school: String(schoolA.id) }));
    expect(unassigned.rows.map((r) => r.id)).toEqual([ticketA]);
  });
});

describe("workflow", () => {
  it("replies in the parent's language through the outbox, waits, reopens on the parent's reply, and audits each change", async () => {
    const { school } = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: [address] });
    const parent = await createParent(address);
    await db.update(parentAccounts).set({ locale: "en" }).where(eq(parentAccounts.id, parent.id));
    const created = await createSupportTicket(base({ parentAccountId: parent.id }));
    if (!created.ok) throw new Error("refused");
    const secretary = await secretaryOf(school);

    const replied = await replyToTicket(secretary.scope, secretary.staff.id, created.id, { body: "The email is fixed, try again.", resolve: false });
    expect(replied).toEqual({ ok: true, value: { messageId: expect.any(String), status: "waiting" } });
    const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect(ticket).toMatchObject({ status: "waiting", waitingSince: expect.any(Date), firstReplyAt: expect.any(Date) });
    const [reply] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, address), eq(emailOutbox.template, "support-reply")));
    expect(reply!.subject).toBe(`Reply to your request ${created.reference}`);
    expect(reply!.text).toContain("The email is fixed, try again.");
    expect(reply!.headers?.["Message-ID"]).toMatch(/^<ticket-\d+-.+@/);
    expect(reply!.replyTo).toMatch(/^soutien\+/);

    const own = await ticketForParent(parent, created.id);
    expect(own!.messages.map((m) => m.kind)).toEqual(["parent", "staff"]);
    expect(await ticketsOfParent(parent)).toHaveLength(1);
    expect(await replyAsParent(parent, created.id, "Still refused, sorry.")).toEqual({ ok: true, reopened: true });
    const [reopened] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect(reopened).toMatchObject({ status: "open", waitingSince: null });

    await addInternalNote(secretary.scope, secretary.staff.id, created.id, "Called the parent.");
    expect((await ticketForParent(parent, created.id))!.messages.map((m) => m.kind)).toEqual(["parent", "staff", "parent"]);
    const resolved = await setTicketStatus(secretary.scope, secretary.staff.id, created.id, "resolved");
    expect(resolved).toEqual({ ok: true, value: { status: "resolved" } });
    const [done] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect(done!.resolvedAt).toBeInstanceOf(Date);

    const actions = (await db.select().from(auditLog).where(sql`${auditLog.details}->>'ticketId' = ${created.id}`)).map((a) => a.action).sort();
    expect(actions).toEqual(["ticket.note_added", "ticket.replied", "ticket.status_changed"]);
  });

  it("refuses another person's ticket on the parent side", async () => {
    const created = await createSupportTicket(base());
    if (!created.ok) throw new Error("refused");
    const stranger = await createParent(`etranger${run}@exemple.ca`);
    expect(await ticketForParent(stranger, created.id)).toBeNull();
    expect(await replyAsParent(stranger, created.id, "Bonjour")).toEqual({ ok: false, reason: "notFound" });
  });

  it("assigns only to staff who cover the ticket, and reroutes it out of a secretary's reach", async () => {
    const { school } = await createBoardWithSchool();
    const other = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: [address] });
    const created = await createSupportTicket(base());
    if (!created.ok) throw new Error("refused");
    const secretary = await secretaryOf(school);
    const outsider = await secretaryOf(other.school);
    expect(await assignTicket(secretary.scope, secretary.staff.id, created.id, outsider.staff.id)).toEqual({ ok: false, reason: "badAssignee" });
    expect(await assignTicket(secretary.scope, secretary.staff.id, created.id, secretary.staff.id)).toEqual({ ok: true, value: { assignee: secretary.staff.name } });
    expect(await rerouteTicket(secretary.scope, secretary.staff.id, created.id, { schoolId: null, boardId: null })).toEqual({
      ok: true,
      value: { schoolId: null, boardId: null },
    });
    expect(await getTicketForStaff(secretary.scope, created.id)).toBeNull();
    const admin = await anAdmin();
    const detail = await getTicketForStaff(admin.scope, created.id);
    expect(detail!.messages.filter((m) => m.kind === "system").map((m) => m.systemEvent?.code)).toEqual(["assigned", "rerouted"]);
  });

  it("relinks: links a record of the scope by its fiche, refuses one outside it, and unlinks", async () => {
    const { school } = await createBoardWithSchool();
    const other = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: [address] });
    const sibling = await createStudent(school, { firstName: "Noé" });
    const elsewhere = await createStudent(other.school);
    const created = await createSupportTicket(base());
    if (!created.ok) throw new Error("refused");
    const secretary = await secretaryOf(school);
    expect(await linkTicketStudentByFiche(secretary.scope, secretary.staff.id, created.id, elsewhere.fiche)).toEqual({ ok: false, reason: "studentNotFound" });
    expect(await linkTicketStudentByFiche(secretary.scope, secretary.staff.id, created.id, sibling.fiche)).toEqual({ ok: true, value: undefined });
    let detail = await getTicketForStaff(secretary.scope, created.id);
    expect(detail!.students.map((s) => [s.firstName, s.reason])).toEqual([
      ["Léa-Rose", "email_on_record"],
      ["Noé", "staff"],
    ]);
    expect(await linkTicketStudent(secretary.scope, secretary.staff.id, created.id, sibling.id, false)).toEqual({ ok: true, value: undefined });
    detail = await getTicketForStaff(secretary.scope, created.id);
    expect(detail!.students.map((s) => s.firstName)).toEqual(["Léa-Rose"]);
    const actions = (await db.select().from(auditLog).where(sql`${auditLog.details}->>'ticketId' = ${created.id}`)).map((a) => a.action).sort();
    expect(actions).toEqual(["ticket.student_linked", "ticket.student_unlinked"]);
  });

  it("leaves no reply and no audit row when the email cannot be queued", async () => {
    const { school } = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: [address] });
    const created = await createSupportTicket(base());
    if (!created.ok) throw new Error("refused");
    const secretary = await secretaryOf(school);
    await ownerDb().execute(sql.raw(`create or replace function refuse_outbox() returns trigger language plpgsql as $$
      begin raise exception 'outbox unavailable'; end; $$`));
    await ownerDb().execute(sql.raw(`create trigger refuse_outbox before insert on email_outbox for each row execute function refuse_outbox()`));
    try {
      await expect(replyToTicket(secretary.scope, secretary.staff.id, created.id, { body: "Jamais envoyé", resolve: false })).rejects.toThrow();
    } finally {
      await ownerDb().execute(sql.raw(`drop trigger refuse_outbox on email_outbox`));
      await ownerDb().execute(sql.raw(`drop function refuse_outbox()`));
    }
    expect(await db.$count(supportTicketMessages, eq(supportTicketMessages.ticketId, created.id))).toBe(1);
    expect(await db.$count(auditLog, sql`${auditLog.details}->>'ticketId' = ${created.id}`)).toBe(0);
    const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect(ticket!.status).toBe("new");
  });

  it("leaves no note and no change when the audit row is followed by a failure", async () => {
    const { school } = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: [address] });
    const created = await createSupportTicket(base());
    if (!created.ok) throw new Error("refused");
    const secretary = await secretaryOf(school);
    await ownerDb().execute(sql.raw(`create or replace function refuse_after_audit() returns trigger language plpgsql as $$
      begin raise exception 'after audit'; end; $$`));
    await ownerDb().execute(sql.raw(`create trigger refuse_after_audit after insert on audit_log for each row execute function refuse_after_audit()`));
    try {
      await expect(setTicketStatus(secretary.scope, secretary.staff.id, created.id, "waiting")).rejects.toThrow();
    } finally {
      await ownerDb().execute(sql.raw(`drop trigger refuse_after_audit on audit_log`));
      await ownerDb().execute(sql.raw(`drop function refuse_after_audit()`));
    }
    const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect(ticket!.status).toBe("new");
    expect(await db.$count(supportTicketMessages, eq(supportTicketMessages.ticketId, created.id))).toBe(1);
    expect(await db.$count(auditLog, sql`${auditLog.details}->>'ticketId' = ${created.id}`)).toBe(0);
  });

  it("closes tickets left waiting for the configured days, with a notice, and only those", async () => {
    const { school } = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: [address] });
    const secretary = await secretaryOf(school);
    const stale = await createSupportTicket(base());
    const fresh = await createSupportTicket(base());
    if (!stale.ok || !fresh.ok) throw new Error("refused");
    for (const id of [stale.id, fresh.id]) await replyToTicket(secretary.scope, secretary.staff.id, id, { body: "Essayez de nouveau.", resolve: false });
    await db.update(supportTickets).set({ waitingSince: new Date(Date.now() - 8 * 86_400_000) }).where(eq(supportTickets.id, stale.id));

    expect(await closeStaleTickets({ days: 7 })).toBe(1);
    const [closed] = await db.select().from(supportTickets).where(eq(supportTickets.id, stale.id));
    const [open] = await db.select().from(supportTickets).where(eq(supportTickets.id, fresh.id));
    expect([closed!.status, open!.status]).toEqual(["resolved", "waiting"]);
    const notices = await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, address), eq(emailOutbox.template, "support-closed")));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain(stale.reference);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "ticket.auto_closed"), sql`${auditLog.details}->>'ticketId' = ${stale.id}`));
    expect(audit!.actorStaffId).toBeNull();
    expect(await closeStaleTickets({ days: 7 })).toBe(0);
  });
});

describe("saved replies", () => {
  it("are kept per board, filled from the ticket, and refused to a secretary", async () => {
    const { board, school } = await createBoardWithSchool();
    await createStudent(school, { firstName: "Léa-Rose", guardianEmails: [address] });
    const support = await boardSupportOf(board);
    const secretary = await secretaryOf(school);
    const saved = await createSavedReply(support.scope, support.staff.id, {
      boardId: null,
      title: "Courriel corrigé",
      body: "Le dossier de {prenom_enfant} porte maintenant votre adresse. {ecole} : {telephone_ecole}. Demande {reference}.",
      locale: "fr",
    });
    expect(saved.ok).toBe(true);
    expect(await createSavedReply(secretary.scope, secretary.staff.id, { boardId: board.id, title: "x", body: "yy", locale: "fr" })).toEqual({
      ok: false,
      reason: "notFound",
    });
    const created = await createSupportTicket(base());
    if (!created.ok) throw new Error("refused");
    const detail = await getTicketForStaff(secretary.scope, created.id);
    const [filled] = await filledSavedReplies(detail!);
    expect(filled!.body).toBe(`Le dossier de Léa-Rose porte maintenant votre adresse. ${school.name} : ${school.phone}. Demande ${created.reference}.`);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "saved_reply.created"));
    expect(audit).toMatchObject({ actorStaffId: support.staff.id, boardId: board.id });
  });
});

describe("ticket figures", () => {
  it("count opened and resolved tickets, median times and top topics in the scope only", async () => {
    const { school } = await createBoardWithSchool();
    const other = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: [address] });
    await createStudent(other.school, { guardianEmails: [`autre${run}@exemple.ca`] });
    const secretary = await secretaryOf(school);
    const make = async (email: string, topic: NewTicket["topic"]) => {
      const created = await createSupportTicket(base({ email, topic }));
      if (!created.ok) throw new Error("refused");
      return created.id;
    };
    const first = await make(address, "association");
    const second = await make(address, "association");
    await make(address, "nip");
    await make(`autre${run}@exemple.ca`, "sign_in");
    // Answered after 2 h and 4 h; the first resolved after 10 h.
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await db.update(supportTickets).set({ createdAt: hoursAgo(12), firstReplyAt: hoursAgo(10), status: "resolved", resolvedAt: hoursAgo(2) }).where(eq(supportTickets.id, first));
    await db.update(supportTickets).set({ createdAt: hoursAgo(12), firstReplyAt: hoursAgo(8) }).where(eq(supportTickets.id, second));

    const today = new Date().toLocaleDateString("en-CA", { timeZone: "America/Toronto" });
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString("en-CA", { timeZone: "America/Toronto" });
    const figures = await ticketFiguresForStaff(secretary.scope, { from: yesterday, to: today });
    expect(figures.totals).toEqual({ opened: 3, resolved: 1, medianFirstReplyHours: expect.closeTo(3, 1), medianResolutionHours: expect.closeTo(10, 1) });
    expect(figures.topTopics).toEqual([
      { topic: "association", tickets: 2 },
      { topic: "nip", tickets: 1 },
    ]);
    expect(figures.units.map((u) => [u.id, u.opened])).toEqual([[school.id, 3]]);
  });
});
