// NIPs issued by staff: one active per student, stored only as an HMAC, audited without the code.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { lockStudentInScope } from "@/db/queries/students";
import { guardianEmails, nips, parentAccounts, students } from "@/db/schema";
import { formatNip, generateNip, normalizeNip } from "@/lib/association/nip-code";
import { recordAudit } from "@/lib/audit";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { normalizeEmail } from "@/lib/email-address";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { toLocale } from "@/lib/i18n/locale";
import { hashSecret } from "@/lib/secret-hash";

export const NIP_HASH_PURPOSE = "nip";

/** The lookup key of a NIP as typed by a parent (null when it cannot be a NIP). */
export function nipHashOf(raw: string): string | null {
  const nip = normalizeNip(raw);
  return nip === null ? null : hashSecret(nip, NIP_HASH_PURPOSE);
}

/**
 * Where the NIP is also emailed. "record": must be one of the record's guardian emails at the time of issue.
 * "typed": an address the secretary typed and confirmed (issueNipSchema checks the confirmation).
 */
export type NipEmail = { address: string; source: "record" | "typed" };

export type IssuedNip = {
  id: string;
  /** The code itself, to show once: it is not stored anywhere. */
  code: string;
  formatted: string;
  expiresAt: Date;
  emailedTo: string | null;
  revokedPreviousId: string | null;
};

export type IssueNipResult = { ok: true; nip: IssuedNip } | { ok: false; reason: "notFound" | "emailNotOnRecord" };

class Rollback extends Error {
  constructor(readonly reason: "notFound" | "emailNotOnRecord") {
    super(reason);
  }
}

/** Revokes the student's usable NIPs (not yet used, revoked or expired); returns the ids revoked. */
async function revokeActiveNips(tx: Transaction, studentId: number): Promise<string[]> {
  const rows = await tx
    .update(nips)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(nips.studentId, studentId), isNull(nips.revokedAt), isNull(nips.consumedAt), gt(nips.expiresAt, sql`now()`)))
    .returning({ id: nips.id });
  return rows.map((r) => r.id);
}

/** A code whose hash no NIP ever had (the unique index keeps every hash, used or not). */
async function freshCode(tx: Transaction): Promise<{ code: string; codeHash: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateNip();
    const codeHash = hashSecret(normalizeNip(code)!, NIP_HASH_PURPOSE);
    const [clash] = await tx.select({ id: nips.id }).from(nips).where(eq(nips.codeHash, codeHash));
    if (!clash) return { code, codeHash };
  }
  throw new Error("could not draw an unused NIP");
}

/**
 * Issues a NIP for a student in the scope, valid for the board's nipLifetimeMinutes. Revokes the student's
 * previous usable NIP, writes the audit row ("nip.issued", never the code) and, when asked, queues the
 * "nip-issued" email in the same transaction. Call deliverSoon() after.
 */
export async function issueNip(
  scope: StaffScope,
  staffId: string,
  studentId: number,
  options: { email?: NipEmail | null } = {},
): Promise<IssueNipResult> {
  try {
    const nip = await db.transaction(async (tx) => {
      const student = await lockStudentInScope(tx, scope, studentId);
      if (!student) throw new Rollback("notFound");

      const email = options.email ? { ...options.email, address: normalizeEmail(options.email.address) } : null;
      if (email?.source === "record") {
        const [onRecord] = await tx
          .select({ id: guardianEmails.id })
          .from(guardianEmails)
          .where(and(eq(guardianEmails.studentId, student.id), eq(guardianEmails.email, email.address)));
        if (!onRecord) throw new Rollback("emailNotOnRecord");
      }

      const revoked = await revokeActiveNips(tx, student.id);
      const { code, codeHash } = await freshCode(tx);
      const lifetimeMinutes = student.nipLifetimeMinutes > 0 ? student.nipLifetimeMinutes : 15;
      const [row] = await tx
        .insert(nips)
        .values({
          studentId: student.id,
          boardId: student.boardId,
          codeHash,
          issuedByStaffId: staffId,
          expiresAt: sql`now() + make_interval(mins => ${lifetimeMinutes}::int)`,
          emailedTo: email?.address ?? null,
        })
        .returning({ id: nips.id, expiresAt: nips.expiresAt });

      await recordAudit(tx, {
        actor: staffId,
        action: "nip.issued",
        boardId: student.boardId,
        schoolId: student.schoolId,
        studentId: student.id,
        details: {
          nipId: row!.id,
          expiresAt: row!.expiresAt.toISOString(),
          lifetimeMinutes,
          emailedTo: email?.address ?? null,
          emailSource: email?.source ?? null,
          revokedNipIds: revoked,
        },
      });

      if (email) {
        const [account] = await tx
          .select({ locale: parentAccounts.locale })
          .from(parentAccounts)
          .where(eq(parentAccounts.email, email.address));
        await enqueueEmail(tx, {
          to: email.address,
          template: "nip-issued",
          locale: toLocale(account?.locale),
          expiresAt: row!.expiresAt,
          params: {
            nip: formatNip(code),
            expiresAt: row!.expiresAt,
            schoolName: student.schoolName,
            link: new URL("/associer", env.APP_URL).toString(),
          },
        });
      }
      return {
        id: row!.id,
        code,
        formatted: formatNip(code),
        expiresAt: row!.expiresAt,
        emailedTo: email?.address ?? null,
        revokedPreviousId: revoked[0] ?? null,
      };
    });
    return { ok: true, nip };
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, reason: error.reason };
    throw error;
  }
}

export type RevokeNipResult = { ok: true } | { ok: false; reason: "notFound" | "notActive" };

/** Revokes a NIP of a student in the scope, if it can still be used; audited ("nip.revoked"). */
export async function revokeNip(scope: StaffScope, staffId: string, nipId: string): Promise<RevokeNipResult> {
  return db.transaction(async (tx) => {
    const [nip] = await tx
      .select({ id: nips.id, studentId: nips.studentId, revokedAt: nips.revokedAt, consumedAt: nips.consumedAt, expiresAt: nips.expiresAt })
      .from(nips)
      .innerJoin(students, eq(students.id, nips.studentId))
      .where(and(eq(nips.id, nipId), scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId })));
    if (!nip) return { ok: false as const, reason: "notFound" as const };
    const student = await lockStudentInScope(tx, scope, nip.studentId);
    if (!student) return { ok: false as const, reason: "notFound" as const };
    const [revoked] = await tx
      .update(nips)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(nips.id, nip.id), isNull(nips.revokedAt), isNull(nips.consumedAt), gt(nips.expiresAt, sql`now()`)))
      .returning({ id: nips.id });
    if (!revoked) return { ok: false as const, reason: "notActive" as const };
    await recordAudit(tx, {
      actor: staffId,
      action: "nip.revoked",
      boardId: student.boardId,
      schoolId: student.schoolId,
      studentId: student.id,
      details: { nipId: nip.id },
    });
    return { ok: true as const };
  });
}
