// A parent who lost the fiche number gets it by email, only at an address already on the child's record: staff pick
// the address from the record, so the number cannot be sent to whoever is on the phone. Audited, scoped.
import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { lockStudentInScope } from "@/db/queries/students";
import { auditLog, guardianEmails, parentAccounts, students } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { StaffScope } from "@/lib/auth/scope";
import { maskEmail } from "@/lib/email/mask-email";
import { enqueueEmail } from "@/lib/email/outbox";
import { toLocale } from "@/lib/i18n/locale";

/** Two clicks, or two colleagues on the same call, send one email: a second send to the same address waits this long. */
export const FICHE_RESEND_COOLDOWN_SECONDS = 120;

export type SendFicheFailure = "notFound" | "emailNotOnRecord" | "recentlySent";

export type SendFicheResult =
  | { ok: true; sentTo: string; outboxEmailId: string }
  | { ok: false; reason: SendFicheFailure; retryAfterSeconds?: number };

/**
 * Queues the "fiche-number" email for a student in the scope to one of the record's guardian emails, with the audit
 * row ("fiche.sent": the masked address and the outbox id, which leads to the delivery status). The student's row
 * is locked, so a concurrent change of that address either happens before (and the old id is refused) or after.
 * Call deliverSoon() once it returns ok.
 */
export async function sendFicheToGuardian(
  scope: StaffScope,
  staffId: string,
  studentId: number,
  guardianEmailId: number,
): Promise<SendFicheResult> {
  return db.transaction(async (tx) => {
    const student = await lockStudentInScope(tx, scope, studentId);
    if (!student) return { ok: false as const, reason: "notFound" as const };

    const [recipient] = await tx
      .select({ id: guardianEmails.id, email: guardianEmails.email, fiche: students.fiche })
      .from(guardianEmails)
      .innerJoin(students, eq(students.id, guardianEmails.studentId))
      .where(and(eq(guardianEmails.id, guardianEmailId), eq(guardianEmails.studentId, student.id)));
    if (!recipient) return { ok: false as const, reason: "emailNotOnRecord" as const };

    const [recent] = await tx
      .select({ at: auditLog.createdAt })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "fiche.sent"),
          eq(auditLog.studentId, student.id),
          sql`${auditLog.details} @> ${JSON.stringify({ guardianEmailId: recipient.id })}::jsonb`,
          gt(auditLog.createdAt, sql`now() - make_interval(secs => ${FICHE_RESEND_COOLDOWN_SECONDS})`),
        ),
      )
      .orderBy(sql`${auditLog.createdAt} desc`)
      .limit(1);
    if (recent) {
      const waited = (Date.now() - recent.at.getTime()) / 1000;
      const retryAfterSeconds = Math.max(1, Math.ceil(FICHE_RESEND_COOLDOWN_SECONDS - waited));
      return { ok: false as const, reason: "recentlySent" as const, retryAfterSeconds };
    }

    const [account] = await tx
      .select({ locale: parentAccounts.locale })
      .from(parentAccounts)
      .where(eq(parentAccounts.email, recipient.email));
    const outboxEmailId = await enqueueEmail(tx, {
      to: recipient.email,
      template: "fiche-number",
      locale: toLocale(account?.locale),
      params: { fiche: recipient.fiche, schoolName: student.schoolName },
    });

    await recordAudit(tx, {
      actor: staffId,
      action: "fiche.sent",
      boardId: student.boardId,
      schoolId: student.schoolId,
      studentId: student.id,
      details: { guardianEmailId: recipient.id, to: maskEmail(recipient.email), outboxEmailId },
    });
    return { ok: true as const, sentTo: recipient.email, outboxEmailId };
  });
}
