// The one way to write audit rows: always inside the transaction that makes the change it records.
import type { Transaction } from "@/db/client";
import { auditLog } from "@/db/schema";

/** Staff actions recorded in the audit log, and what the system or a parent did that the board must be able to trace. */
export type AuditAction =
  | "guardian_email.changed"
  | "nip.issued"
  | "nip.revoked"
  | "association.revoked"
  | "fiche.sent"
  | "account.reset_started"
  | "account.lockout_lifted"
  | "association.reported_not_mine"
  | "incident.opened"
  | "incident.declared"
  | "incident.updated"
  | "incident.closed"
  | "incident.reopened"
  | "retention.settings_changed"
  | "retention.purged"
  | "parent.email_changed"
  | "parent.account_deleted"
  | "ticket.opened"
  | "ticket.replied"
  | "ticket.note_added"
  | "ticket.status_changed"
  | "ticket.assigned"
  | "ticket.rerouted"
  | "ticket.student_linked"
  | "ticket.student_unlinked"
  | "ticket.fix_recorded"
  | "ticket.auto_closed"
  | "saved_reply.created"
  | "saved_reply.deleted"
  | "staff.invited"
  | "staff.invitation_resent"
  | "staff.invitation_accepted"
  | "staff.assignment_changed"
  | "staff.deactivated"
  | "staff.reactivated"
  | "staff.password_reset_started"
  | "staff.password_reset_done"
  | "staff.lockout_lifted"
  | "staff.mfa_enrolled"
  | "staff.recovery_codes_renewed"
  | "staff.passkey_added"
  | "staff.passkey_removed"
  | "board.secretary_mfa_changed"
  | "board.password_rule_changed";

export type AuditEntryInput = {
  /** The staff member who acted; null for the system. */
  actor: string | null;
  action: AuditAction;
  boardId?: number | null;
  schoolId?: number | null;
  studentId?: number | null;
  parentAccountId?: string | null;
  /** What changed and why. Never secrets (NIPs, codes, passwords). */
  details?: Record<string, unknown>;
};

/** Takes a Transaction, not a database handle: an audit row written outside the change could outlive a rollback. */
export async function recordAudit(tx: Transaction, entry: AuditEntryInput): Promise<number> {
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorStaffId: entry.actor,
      action: entry.action,
      boardId: entry.boardId ?? null,
      schoolId: entry.schoolId ?? null,
      studentId: entry.studentId ?? null,
      parentAccountId: entry.parentAccountId ?? null,
      details: entry.details ?? {},
    })
    .returning({ id: auditLog.id });
  return row!.id;
}
