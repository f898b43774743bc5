// A parent's own account (/compte): change the sign-in email (a code to the new address, a notice to the old one),
// change the password (other sessions end), see and end sessions, export their data, delete the account
// (anonymised: what the law makes the board keep stays, the address is free again).
import { and, asc, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import {
  associationAttempts,
  associations,
  authEvents,
  authSessions,
  emailChangeRequests,
  emailOutbox,
  parentAccounts,
  schoolBoards,
  schools,
  students,
  supportTicketAttachments,
  supportTicketMessages,
  supportTickets,
  verificationCodes,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { toLocale } from "@/lib/i18n/locale";
import { hashPassword, verifyPassword } from "@/lib/password-hash";
import { hashSecret, secretMatches } from "@/lib/secret-hash";
import { generateCode } from "@/lib/verification-code";

const EMAIL_CHANGE_PURPOSE = "email-change";
/** Email change requests an account may make per hour (each sends an email to an address it names). */
export const EMAIL_CHANGES_PER_HOUR = 5;

async function lockAccount(tx: Transaction, parentAccountId: string) {
  const [account] = await tx.select().from(parentAccounts).where(eq(parentAccounts.id, parentAccountId)).for("update");
  return account && !account.disabledAt ? account : null;
}

// ---------- Email ----------

export type RequestEmailChangeResult =
  | { ok: true }
  | { ok: false; reason: "wrongPassword" | "sameEmail" | "tooManyRequests" | "notFound" };

/**
 * Sends a code to the new address and a notice to the current one. Whether the new address belongs to another
 * account is not told here (that would reveal it): the code is sent all the same, and the change is refused
 * at confirmation, once the parent has shown they read that mailbox.
 */
export async function requestEmailChange(parentAccountId: string, input: { newEmail: string; password: string }): Promise<RequestEmailChangeResult> {
  const [current] = await db.select().from(parentAccounts).where(eq(parentAccounts.id, parentAccountId));
  if (!current || current.disabledAt) return { ok: false, reason: "notFound" };
  if (!(await verifyPassword(current.passwordHash, input.password))) return { ok: false, reason: "wrongPassword" };
  if (input.newEmail === current.email) return { ok: false, reason: "sameEmail" };
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, parentAccountId);
    if (!account) return { ok: false as const, reason: "notFound" as const };
    const recent = await tx.$count(
      emailChangeRequests,
      and(eq(emailChangeRequests.parentAccountId, account.id), gt(emailChangeRequests.createdAt, sql`now() - interval '1 hour'`)),
    );
    if (recent >= EMAIL_CHANGES_PER_HOUR) return { ok: false as const, reason: "tooManyRequests" as const };
    await tx
      .update(emailChangeRequests)
      .set({ supersededAt: sql`now()` })
      .where(and(eq(emailChangeRequests.parentAccountId, account.id), isNull(emailChangeRequests.consumedAt), isNull(emailChangeRequests.supersededAt)));
    const code = generateCode();
    await tx.insert(emailChangeRequests).values({
      parentAccountId: account.id,
      newEmail: input.newEmail,
      codeHash: hashSecret(`${account.id}:${code}`, EMAIL_CHANGE_PURPOSE),
      maxAttempts: env.CODE_MAX_ATTEMPTS,
      expiresAt: sql`now() + make_interval(secs => ${env.CODE_LIFETIME_SECONDS}::int)`,
    });
    const locale = toLocale(account.locale);
    await enqueueEmail(tx, { to: input.newEmail, template: "email-change-code", locale, params: { code, minutes: Math.round(env.CODE_LIFETIME_SECONDS / 60) } });
    await enqueueEmail(tx, { to: account.email, template: "email-change-notice", locale, params: { stage: "requested", oldEmail: account.email, newEmail: input.newEmail } });
    return { ok: true as const };
  });
}

export type ConfirmEmailChangeResult =
  | { ok: true; email: string }
  | { ok: false; reason: "noPendingChange" | "codeLocked" | "emailTaken" | "notFound" }
  | { ok: false; reason: "wrongCode"; attemptsLeft: number };

/** Checks the code (attempts counted in the database); on success the account signs in with the new address. */
export async function confirmEmailChange(parentAccountId: string, code: string): Promise<ConfirmEmailChangeResult> {
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, parentAccountId);
    if (!account) return { ok: false as const, reason: "notFound" as const };
    const [request] = await tx
      .select()
      .from(emailChangeRequests)
      .where(
        and(
          eq(emailChangeRequests.parentAccountId, account.id),
          isNull(emailChangeRequests.consumedAt),
          isNull(emailChangeRequests.supersededAt),
          gt(emailChangeRequests.expiresAt, sql`now()`),
        ),
      )
      .orderBy(desc(emailChangeRequests.createdAt))
      .limit(1);
    if (!request) return { ok: false as const, reason: "noPendingChange" as const };
    if (request.attempts >= request.maxAttempts) return { ok: false as const, reason: "codeLocked" as const };
    if (!secretMatches(`${account.id}:${code}`, EMAIL_CHANGE_PURPOSE, request.codeHash)) {
      const [counted] = await tx
        .update(emailChangeRequests)
        .set({ attempts: sql`${emailChangeRequests.attempts} + 1` })
        .where(eq(emailChangeRequests.id, request.id))
        .returning({ attempts: emailChangeRequests.attempts });
      return { ok: false as const, reason: "wrongCode" as const, attemptsLeft: request.maxAttempts - counted!.attempts };
    }
    const [taken] = await tx.select({ id: parentAccounts.id }).from(parentAccounts).where(eq(parentAccounts.email, request.newEmail));
    if (taken) return { ok: false as const, reason: "emailTaken" as const };
    await tx.update(emailChangeRequests).set({ consumedAt: sql`now()` }).where(eq(emailChangeRequests.id, request.id));
    await tx.update(parentAccounts).set({ email: request.newEmail }).where(eq(parentAccounts.id, account.id));
    await recordAudit(tx, { actor: null, action: "parent.email_changed", parentAccountId: account.id, details: { before: account.email, after: request.newEmail } });
    await enqueueEmail(tx, {
      to: account.email,
      template: "email-change-notice",
      locale: toLocale(account.locale),
      params: { stage: "changed", oldEmail: account.email, newEmail: request.newEmail },
    });
    return { ok: true as const, email: request.newEmail };
  });
}

// ---------- Password and sessions ----------

export type ChangePasswordResult = { ok: true; endedSessions: number } | { ok: false; reason: "wrongPassword" | "notFound" };

/** Current password required; every other session of the account ends; the owner gets the usual notice. */
export async function changeOwnPassword(
  parentAccountId: string,
  currentSessionId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<ChangePasswordResult> {
  const [current] = await db.select().from(parentAccounts).where(eq(parentAccounts.id, parentAccountId));
  if (!current || current.disabledAt) return { ok: false, reason: "notFound" };
  if (!(await verifyPassword(current.passwordHash, input.currentPassword))) return { ok: false, reason: "wrongPassword" };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, parentAccountId);
    if (!account) return { ok: false as const, reason: "notFound" as const };
    await tx.update(parentAccounts).set({ passwordHash }).where(eq(parentAccounts.id, account.id));
    const ended = await endOtherSessions(tx, account.id, currentSessionId);
    await enqueueEmail(tx, {
      to: account.email,
      template: "password-changed",
      locale: toLocale(account.locale),
      params: { resetUrl: new URL("/mot-de-passe-oublie", env.APP_URL).toString() },
    });
    return { ok: true as const, endedSessions: ended };
  });
}

async function endOtherSessions(tx: Transaction | typeof db, parentAccountId: string, keep: string | null): Promise<number> {
  const ended = await tx
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(authSessions.parentAccountId, parentAccountId), isNull(authSessions.revokedAt), keep ? ne(authSessions.id, keep) : undefined),
    )
    .returning({ id: authSessions.id });
  return ended.length;
}

export async function signOutOtherSessions(parentAccountId: string, currentSessionId: string | null): Promise<number> {
  return endOtherSessions(db, parentAccountId, currentSessionId);
}

export type ActiveSession = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null; current: boolean };

/** Sessions still open: not revoked, not past their end, not idle beyond the limit. */
export async function activeSessions(parentAccountId: string, currentSessionId: string | null): Promise<ActiveSession[]> {
  const rows = await db
    .select({ id: authSessions.id, createdAt: authSessions.createdAt, lastSeenAt: authSessions.lastSeenAt, ip: authSessions.ip, userAgent: authSessions.userAgent })
    .from(authSessions)
    .where(
      and(
        eq(authSessions.parentAccountId, parentAccountId),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, sql`now()`),
        gt(authSessions.lastSeenAt, sql`now() - make_interval(mins => ${env.SESSION_IDLE_MINUTES}::int)`),
      ),
    )
    .orderBy(desc(authSessions.lastSeenAt));
  return rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
}

// ---------- Export ----------

export type OwnDataExport = {
  exportedAt: string;
  account: { email: string; locale: string; createdAt: string; emailVerifiedAt: string; lastSigninAt: string | null };
  children: { firstName: string; lastName: string; school: string; board: string; associatedAt: string; method: string; endedAt: string | null }[];
  attempts: { at: string; method: string; board: string | null; success: boolean; typed: Record<string, unknown>; reasons: string[] }[];
  supportTickets: {
    at: string;
    number: number;
    status: string;
    topic: string;
    childName: string | null;
    message: string;
    /** The conversation as the parent saw it: their messages and staff replies (internal notes excluded). */
    messages: { at: string; from: "parent" | "staff"; body: string }[];
  }[];
};

/** Everything the portal holds about the account and what it did, in the parent's own terms. */
export async function exportOwnData(parentAccountId: string): Promise<OwnDataExport | null> {
  const [account] = await db.select().from(parentAccounts).where(eq(parentAccounts.id, parentAccountId));
  if (!account) return null;
  const children = await db
    .select({
      firstName: students.firstName,
      lastName: students.lastName,
      school: schools.name,
      board: schoolBoards.name,
      associatedAt: associations.createdAt,
      method: associations.method,
      endedAt: associations.revokedAt,
    })
    .from(associations)
    .innerJoin(students, eq(students.id, associations.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
    .where(eq(associations.parentAccountId, account.id))
    .orderBy(asc(associations.createdAt));
  const attempts = await db
    .select({
      at: associationAttempts.createdAt,
      method: associationAttempts.method,
      board: schoolBoards.name,
      success: associationAttempts.success,
      typed: associationAttempts.typed,
      reasons: associationAttempts.reasons,
    })
    .from(associationAttempts)
    .leftJoin(schoolBoards, eq(schoolBoards.id, associationAttempts.boardId))
    .where(eq(associationAttempts.parentAccountId, account.id))
    .orderBy(asc(associationAttempts.createdAt));
  const tickets = await db
    .select({
      id: supportTickets.id,
      at: supportTickets.createdAt,
      number: supportTickets.number,
      status: supportTickets.status,
      topic: supportTickets.topic,
      childName: supportTickets.childName,
      message: supportTickets.message,
    })
    .from(supportTickets)
    .where(eq(supportTickets.parentAccountId, account.id))
    .orderBy(asc(supportTickets.createdAt));
  const messages = tickets.length
    ? await db
        .select({ ticketId: supportTicketMessages.ticketId, at: supportTicketMessages.createdAt, kind: supportTicketMessages.kind, body: supportTicketMessages.body })
        .from(supportTicketMessages)
        .where(and(inArray(supportTicketMessages.ticketId, tickets.map((t) => t.id)), inArray(supportTicketMessages.kind, ["parent", "staff"])))
        .orderBy(asc(supportTicketMessages.createdAt))
    : [];
  return {
    exportedAt: new Date().toISOString(),
    account: {
      email: account.email,
      locale: account.locale,
      createdAt: account.createdAt.toISOString(),
      emailVerifiedAt: account.emailVerifiedAt.toISOString(),
      lastSigninAt: account.lastSigninAt?.toISOString() ?? null,
    },
    children: children.map((c) => ({ ...c, associatedAt: c.associatedAt.toISOString(), endedAt: c.endedAt?.toISOString() ?? null })),
    attempts: attempts.map((a) => ({
      at: a.at.toISOString(),
      method: a.method,
      board: a.board,
      success: a.success,
      // The NIP's first characters are kept for staff; the parent sees what they typed otherwise.
      typed: a.typed as Record<string, unknown>,
      reasons: a.reasons.map((r) => r.code),
    })),
    supportTickets: tickets.map(({ id, ...t }) => ({
      ...t,
      at: t.at.toISOString(),
      messages: messages
        .filter((m) => m.ticketId === id)
        .map((m) => ({ at: m.at.toISOString(), from: m.kind as "parent" | "staff", body: m.body })),
    })),
  };
}

// ---------- Deletion ----------

export type DeleteAccountResult = { ok: true } | { ok: false; reason: "wrongPassword" | "notFound" };

/** The address a deleted account keeps: unique, not deliverable, free for a new account. */
export function deletedAccountEmail(parentAccountId: string): string {
  return `supprime-${parentAccountId}@compte-supprime.invalid`;
}

/**
 * Deletes a parent's account at their request, in one transaction: associations end; attempts are deleted (the
 * figures' per-day totals keep them); codes, email changes, sessions, sign-in events and the emails sent to the
 * address go; support tickets are anonymised; the account row stays, anonymised, so the incident register and the
 * audit log (which the board must keep) still point somewhere; a confirmation goes to the address.
 */
export async function deleteOwnAccount(parentAccountId: string, password: string): Promise<DeleteAccountResult> {
  const [current] = await db.select().from(parentAccounts).where(eq(parentAccounts.id, parentAccountId));
  if (!current || current.disabledAt) return { ok: false, reason: "notFound" };
  if (!(await verifyPassword(current.passwordHash, password))) return { ok: false, reason: "wrongPassword" };
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, parentAccountId);
    if (!account) return { ok: false as const, reason: "notFound" as const };
    const email = account.email;
    const ended = await tx
      .update(associations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(associations.parentAccountId, account.id), isNull(associations.revokedAt)))
      .returning({ id: associations.id });
    // The figures counted these attempts when they were written (daily_figures); deleting them leaves that as is.
    const attempts = (
      await tx.delete(associationAttempts).where(eq(associationAttempts.parentAccountId, account.id)).returning({ id: associationAttempts.id })
    ).length;
    await tx.delete(emailChangeRequests).where(eq(emailChangeRequests.parentAccountId, account.id));
    await tx.delete(authSessions).where(eq(authSessions.parentAccountId, account.id));
    await tx.delete(verificationCodes).where(eq(verificationCodes.email, email));
    await tx.delete(authEvents).where(and(eq(authEvents.subject, "parent"), eq(authEvents.email, email)));
    await tx.delete(emailOutbox).where(eq(emailOutbox.to, email));
    const tickets = await tx
      .update(supportTickets)
      .set({
        email: deletedAccountEmail(account.id),
        childName: null,
        errorMessage: null,
        browser: null,
        ip: null,
        subject: null,
        schoolText: null,
        fiche: null,
        message: "",
        updatedAt: sql`now()`,
      })
      .where(eq(supportTickets.parentAccountId, account.id))
      .returning({ id: supportTickets.id });
    if (tickets.length > 0) {
      // What the parent wrote and sent goes; staff replies and notes stay with the anonymised ticket.
      const ids = tickets.map((t) => t.id);
      await tx.delete(supportTicketAttachments).where(inArray(supportTicketAttachments.ticketId, ids));
      await tx.delete(supportTicketMessages).where(and(inArray(supportTicketMessages.ticketId, ids), eq(supportTicketMessages.kind, "parent")));
    }
    await tx
      .update(parentAccounts)
      .set({ email: deletedAccountEmail(account.id), passwordHash: "!deleted", disabledAt: sql`now()`, lastSigninAt: null })
      .where(eq(parentAccounts.id, account.id));
    await recordAudit(tx, {
      actor: null,
      action: "parent.account_deleted",
      parentAccountId: account.id,
      details: { associationsEnded: ended.length, attemptsDeleted: attempts, ticketsAnonymised: tickets.length },
    });
    await enqueueEmail(tx, { to: email, template: "account-deleted", locale: toLocale(account.locale), params: {} });
    return { ok: true as const };
  });
}
