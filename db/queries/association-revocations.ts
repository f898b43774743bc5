// Staff revoking a parent account's association with a student: scoped, audited, effective at once.
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { lockStudentInScope } from "@/db/queries/students";
import { associations, parentAccounts } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { StaffScope } from "@/lib/auth/scope";

export type RevokeAssociationResult = { ok: true } | { ok: false; reason: "notFound" };

export async function revokeAssociation(
  scope: StaffScope,
  staffId: string,
  associationId: string,
  reason: string,
): Promise<RevokeAssociationResult> {
  return db.transaction(async (tx) => {
    const [association] = await tx
      .select({
        id: associations.id,
        studentId: associations.studentId,
        parentAccountId: associations.parentAccountId,
        method: associations.method,
        since: associations.createdAt,
        parentEmail: parentAccounts.email,
      })
      .from(associations)
      .innerJoin(parentAccounts, eq(parentAccounts.id, associations.parentAccountId))
      .where(and(eq(associations.id, associationId), isNull(associations.revokedAt)));
    if (!association) return { ok: false as const, reason: "notFound" as const };
    // Out of scope answers like a missing association: staff of another school learn nothing.
    const student = await lockStudentInScope(tx, scope, association.studentId);
    if (!student) return { ok: false as const, reason: "notFound" as const };

    const [revoked] = await tx
      .update(associations)
      .set({ revokedAt: sql`now()`, revokedByStaffId: staffId })
      .where(and(eq(associations.id, association.id), isNull(associations.revokedAt)))
      .returning({ id: associations.id });
    if (!revoked) return { ok: false as const, reason: "notFound" as const };

    await recordAudit(tx, {
      actor: staffId,
      action: "association.revoked",
      boardId: student.boardId,
      schoolId: student.schoolId,
      studentId: student.id,
      parentAccountId: association.parentAccountId,
      details: {
        associationId: association.id,
        parentEmail: association.parentEmail,
        method: association.method,
        since: association.since.toISOString(),
        reason,
      },
    });
    return { ok: true as const };
  });
}
