// Staff corrections of the guardian emails on a student record: effective at once, audited, both addresses told.
import { and, eq, inArray, max, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { insertOutboxEmail } from "@/db/queries/email-outbox";
import { lockStudentInScope } from "@/db/queries/students";
import { guardianEmails, parentAccounts, students } from "@/db/schema";
import { guardianEmailRemovedEmail, GUARDIAN_EMAIL_REMOVED_TEMPLATE } from "@/lib/admin/guardian-email-removed-email";
import { recordAudit } from "@/lib/audit";
import type { StaffScope } from "@/lib/auth/scope";
import { normalizeEmail } from "@/lib/email-address";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { toLocale, type Locale } from "@/lib/i18n/locale";
import type { GuardianEmailChange } from "@/lib/validations/staff";

export type GuardianEmailChangeFailure = "notFound" | "emailAlreadyOnRecord" | "unchanged";

export type GuardianEmailChangeResult =
  | { ok: true; before: string | null; after: string | null; notified: string[] }
  | { ok: false; reason: GuardianEmailChangeFailure };

/** The language of the account using an address, if any; French otherwise (the schools' default). */
async function localesOf(tx: Transaction, addresses: string[]): Promise<Map<string, Locale>> {
  if (addresses.length === 0) return new Map();
  const rows = await tx
    .select({ email: parentAccounts.email, locale: parentAccounts.locale })
    .from(parentAccounts)
    .where(inArray(parentAccounts.email, addresses));
  return new Map(rows.map((r) => [r.email, toLocale(r.locale)]));
}

class Rollback extends Error {
  constructor(readonly reason: GuardianEmailChangeFailure) {
    super(reason);
  }
}

/**
 * Replaces, adds or removes one guardian email of a student in the scope. In one transaction: the change, the
 * audit row (before, after, reason) and a notice to the previous and the new address. Call deliverSoon() after.
 */
export async function changeGuardianEmail(
  scope: StaffScope,
  staffId: string,
  change: GuardianEmailChange,
): Promise<GuardianEmailChangeResult> {
  try {
    return await db.transaction(async (tx) => {
      const student = await lockStudentInScope(tx, scope, change.studentId);
      if (!student) throw new Rollback("notFound");

      const current =
        change.mode === "add"
          ? null
          : ((
              await tx
                .select()
                .from(guardianEmails)
                .where(and(eq(guardianEmails.id, change.guardianEmailId), eq(guardianEmails.studentId, student.id)))
            )[0] ?? null);
      if (change.mode !== "add" && !current) throw new Rollback("notFound");

      const before = current?.email ?? null;
      const after = change.mode === "remove" ? null : normalizeEmail(change.newEmail);
      if (after !== null && before !== null && normalizeEmail(before) === after) throw new Rollback("unchanged");
      if (after !== null) {
        const [taken] = await tx
          .select({ id: guardianEmails.id })
          .from(guardianEmails)
          .where(and(eq(guardianEmails.studentId, student.id), eq(guardianEmails.email, after)));
        if (taken) throw new Rollback("emailAlreadyOnRecord");
      }

      const now = new Date();
      if (change.mode === "replace") {
        await tx.update(guardianEmails).set({ email: after!, updatedAt: now }).where(eq(guardianEmails.id, current!.id));
      } else if (change.mode === "add") {
        const [{ last }] = await tx
          .select({ last: max(guardianEmails.position) })
          .from(guardianEmails)
          .where(eq(guardianEmails.studentId, student.id));
        await tx.insert(guardianEmails).values({ studentId: student.id, email: after!, position: (last ?? 0) + 1 });
      } else {
        await tx.delete(guardianEmails).where(eq(guardianEmails.id, current!.id));
      }
      await tx.update(students).set({ updatedAt: sql`now()` }).where(eq(students.id, student.id));

      await recordAudit(tx, {
        actor: staffId,
        action: "guardian_email.changed",
        boardId: student.boardId,
        schoolId: student.schoolId,
        studentId: student.id,
        details: { mode: change.mode, before, after, reason: change.reason },
      });

      const locales = await localesOf(tx, [before, after].filter((a): a is string => a !== null));
      const localeOf = (address: string) => locales.get(address) ?? "fr";
      const schoolName = student.schoolName;
      const notified: string[] = [];
      if (before !== null && after !== null) {
        await enqueueEmail(tx, {
          to: before,
          template: "guardian-email-changed",
          locale: localeOf(before),
          params: { schoolName, oldEmail: before, newEmail: after, recipient: "previous" },
        });
        notified.push(before);
      }
      if (before !== null && after === null) {
        const email = guardianEmailRemovedEmail({ schoolName, oldEmail: before }, localeOf(before));
        await insertOutboxEmail(tx, { to: before, template: GUARDIAN_EMAIL_REMOVED_TEMPLATE, ...email });
        notified.push(before);
      }
      if (after !== null) {
        await enqueueEmail(tx, {
          to: after,
          template: "guardian-email-changed",
          locale: localeOf(after),
          params: {
            schoolName,
            oldEmail: before ?? "",
            newEmail: after,
            recipient: "new",
            portalUrl: new URL("/associer", env.APP_URL).toString(),
          },
        });
        notified.push(after);
      }
      return { ok: true as const, before, after, notified };
    });
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, reason: error.reason };
    throw error;
  }
}
