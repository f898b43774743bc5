"use server";
// Staff actions on one ticket: each re-reads the session and passes the scope to the query, which answers a ticket
// outside it like a missing one.
import {
  addInternalNote,
  assignTicket,
  createSavedReply,
  deleteSavedReply,
  linkTicketStudent,
  linkTicketStudentByFiche,
  replyToTicket,
  rerouteTicket,
  setTicketStatus,
  type TicketChangeResult,
} from "@/db/queries/support-desk";
import { mayActOnRecords } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { deliverSoon } from "@/lib/email/deliver";
import { failure, parseInput, success, unlessUnavailable, type ActionResult } from "@/lib/safe-action";
import {
  assignTicketSchema,
  internalNoteSchema,
  linkStudentSchema,
  rerouteTicketSchema,
  savedReplyIdSchema,
  savedReplySchema,
  staffReplySchema,
  ticketStatusSchema,
} from "@/lib/validations/support-desk";

function toResult<T>(result: TicketChangeResult<T>): ActionResult<T> {
  return result.ok ? success(result.value) : failure(result.reason === "notFound" ? "notFound" : `ticket.${result.reason}`);
}

export async function replyToTicketAction(input: unknown): Promise<ActionResult<{ status: string }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(staffReplySchema, input);
    if (!parsed.ok) return parsed.result;
    const result = await replyToTicket(scope, staff.id, parsed.data.ticketId, parsed.data);
    if (result.ok) void deliverSoon();
    return toResult(result.ok ? { ok: true, value: { status: result.value.status } } : result);
  });
}

export async function addInternalNoteAction(input: unknown): Promise<ActionResult<{ messageId: string }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(internalNoteSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await addInternalNote(scope, staff.id, parsed.data.ticketId, parsed.data.body));
  });
}

export async function setTicketStatusAction(input: unknown): Promise<ActionResult<{ status: string }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(ticketStatusSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await setTicketStatus(scope, staff.id, parsed.data.ticketId, parsed.data.status));
  });
}

export async function assignTicketAction(input: unknown): Promise<ActionResult<{ assignee: string | null }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(assignTicketSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await assignTicket(scope, staff.id, parsed.data.ticketId, parsed.data.assigneeId));
  });
}

export async function rerouteTicketAction(input: unknown): Promise<ActionResult<{ schoolId: number | null; boardId: number | null }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(rerouteTicketSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await rerouteTicket(scope, staff.id, parsed.data.ticketId, parsed.data.route));
  });
}

export async function linkTicketStudentAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(linkStudentSchema, input);
    if (!parsed.ok) return parsed.result;
    const data = parsed.data;
    return toResult(
      "fiche" in data
        ? await linkTicketStudentByFiche(scope, staff.id, data.ticketId, data.fiche)
        : await linkTicketStudent(scope, staff.id, data.ticketId, data.unlinkStudentId, false),
    );
  });
}

export async function createSavedReplyAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    if (!mayActOnRecords(staff.role)) return failure("forbidden");
    const parsed = parseInput(savedReplySchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await createSavedReply(scope, staff.id, parsed.data));
  });
}

export async function deleteSavedReplyAction(input: unknown): Promise<ActionResult> {
  return unlessUnavailable(async () => {
    const { staff, scope } = await requireStaff();
    const parsed = parseInput(savedReplyIdSchema, input);
    if (!parsed.ok) return parsed.result;
    return toResult(await deleteSavedReply(scope, staff.id, parsed.data.id));
  });
}
