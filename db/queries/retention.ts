// The retention purge: deletes what the portal no longer needs (expired codes and NIPs, sign-in events and
// association attempts past their board's period, resolved support tickets past theirs, abandoned imports).
// The figures keep old periods without help: their per-day totals (daily_figures) were added to when the attempts
// and NIPs were written, and deleting rows never subtracts from them. One run at a time across
// every app instance (a transaction-level advisory lock: a second run finds it taken and does nothing); each run
// is summarised in the audit log. Also the boards' retention settings.
import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { db, executedRows, type Executor, type Transaction } from "@/db/client";
import { reapImportRuns } from "@/db/queries/student-import";
import { associationAttempts, auditLog, boardRetention, nips, schoolBoards, staffUsers, type StaffRole } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { StaffScope } from "@/lib/auth/scope";
import { env } from "@/lib/env";
import { timeZone } from "@/lib/i18n/locale";
import { mayReadRegister } from "@/lib/privacy/incident-rules";
import { DEFAULT_RETENTION, EXPIRED_SECRETS_DAYS, totalPurged, type PurgeCounts } from "@/lib/retention";
import { startPeriodicJob } from "@/lib/periodic-job";

/** Key of the advisory lock that lets one purge run at a time. */
const PURGE_LOCK = "retention-purge";

async function countDeleted(tx: Executor, deletion: SQL): Promise<number> {
  const [row] = executedRows<{ n: number }>(await tx.execute(sql`with gone as (${deletion} returning 1) select count(*)::int as n from gone`));
  return Number(row?.n ?? 0);
}

/** Attempts past the period of the board the parent chose (attempts without a board: the default period). */
const attemptPastRetention = sql`${associationAttempts.createdAt} < now() - make_interval(months => coalesce(
  (select br.attempts_months from board_retention br where br.board_id = ${associationAttempts.boardId}), ${DEFAULT_RETENTION.attemptsMonths})::int)`;

const nipPastRetention = sql`${nips.expiresAt} < now() - make_interval(days => ${EXPIRED_SECRETS_DAYS}::int)`;

/**
 * Resolved support tickets past their board's period, counted from their resolution. Their messages, attachments
 * (stored in the database) and links to attempts and students go with them (ON DELETE CASCADE); this is the one
 * place to extend when a ticket gains data kept elsewhere (files in object storage, for instance).
 */
async function purgeResolvedTickets(tx: Transaction): Promise<number> {
  return countDeleted(
    tx,
    sql`delete from support_tickets t where t.status = 'resolved' and t.resolved_at < now() - make_interval(months => coalesce(
      (select br.resolved_tickets_months from board_retention br where br.board_id = t.board_id), ${DEFAULT_RETENTION.resolvedTicketsMonths})::int)`,
  );
}

export type PurgeResult = { ran: false } | { ran: true; counts: PurgeCounts; auditId: number };

/** One purge. Safe to start on several instances at once: the one that takes the lock runs, the others return. */
export async function purgeExpiredData(): Promise<PurgeResult> {
  const importRuns = (await reapImportRuns()).length;
  return db.transaction(async (tx) => {
    const [lock] = executedRows<{ taken: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${PURGE_LOCK})) as taken`));
    if (!lock?.taken) return { ran: false as const };

    const expiredSince = sql`now() - make_interval(days => ${EXPIRED_SECRETS_DAYS}::int)`;
    const verificationCodes = await countDeleted(tx, sql`delete from verification_codes where expires_at < ${expiredSince}`);
    const emailChangeRequests = await countDeleted(tx, sql`delete from email_change_requests where expires_at < ${expiredSince}`);
    const nipCount = await countDeleted(tx, sql`delete from ${nips} where ${nipPastRetention}`);
    const authEvents = await countDeleted(
      tx,
      sql`delete from auth_events where created_at < now() - make_interval(months => ${env.AUTH_EVENTS_RETENTION_MONTHS}::int)`,
    );
    const attempts = await countDeleted(tx, sql`delete from ${associationAttempts} where ${attemptPastRetention}`);
    const resolvedTickets = await purgeResolvedTickets(tx);
    // Emails already delivered or given up: their bodies were cleared on sending; the address and subject go too.
    const outboxEmails = await countDeleted(
      tx,
      sql`delete from email_outbox where status <> 'pending' and created_at < now() - make_interval(months => ${env.AUTH_EVENTS_RETENTION_MONTHS}::int)
            and not exists (select 1 from verification_codes v where v.outbox_email_id = email_outbox.id)`,
    );

    const counts: PurgeCounts = {
      verificationCodes,
      emailChangeRequests,
      nips: nipCount,
      authEvents,
      attempts,
      resolvedTickets,
      outboxEmails,
      importRuns,
    };
    const auditId = await recordAudit(tx, { actor: null, action: "retention.purged", details: { ...counts, total: totalPurged(counts) } });
    return { ran: true as const, counts, auditId };
  });
}

// ---------- Settings ----------

/** Who asks: the board's privacy officer (their board) or a platform admin (every board); nobody else. */
export type RetentionViewer = { role: StaffRole; scope: StaffScope };

export type BoardRetentionRow = {
  boardId: number;
  boardName: string;
  attemptsMonths: number;
  resolvedTicketsMonths: number;
  /** Whether the board chose its periods (otherwise the defaults apply). */
  custom: boolean;
  updatedAt: Date | null;
  updatedByName: string | null;
};

function boardsOf(scope: StaffScope): SQL | undefined {
  return scope.kind === "board" ? eq(schoolBoards.id, scope.boardId) : scope.kind === "all" ? undefined : sql`false`;
}

/** The periods of the boards the viewer may set (defaults where a board has no setting); null for anyone else. */
export async function retentionSettings(viewer: RetentionViewer): Promise<BoardRetentionRow[] | null> {
  if (!mayReadRegister(viewer.role)) return null;
  const rows = await db
    .select({
      boardId: schoolBoards.id,
      boardName: schoolBoards.name,
      attemptsMonths: boardRetention.attemptsMonths,
      resolvedTicketsMonths: boardRetention.resolvedTicketsMonths,
      updatedAt: boardRetention.updatedAt,
      updatedByName: staffUsers.name,
    })
    .from(schoolBoards)
    .leftJoin(boardRetention, eq(boardRetention.boardId, schoolBoards.id))
    .leftJoin(staffUsers, eq(staffUsers.id, boardRetention.updatedByStaffId))
    .where(boardsOf(viewer.scope))
    .orderBy(asc(schoolBoards.name));
  return rows.map((r) => ({
    boardId: r.boardId,
    boardName: r.boardName,
    attemptsMonths: r.attemptsMonths ?? DEFAULT_RETENTION.attemptsMonths,
    resolvedTicketsMonths: r.resolvedTicketsMonths ?? DEFAULT_RETENTION.resolvedTicketsMonths,
    custom: r.attemptsMonths !== null,
    updatedAt: r.updatedAt,
    updatedByName: r.updatedByName,
  }));
}

export type PurgeRun = { auditId: number; at: Date; counts: Partial<PurgeCounts>; total: number };

/**
 * The last purge runs, from the audit rows they write (the purge runs for the whole platform: its counts are
 * totals of every board, no personal information). Null for anyone who may not see the retention settings.
 */
export async function recentPurgeRuns(viewer: RetentionViewer, limit = 5): Promise<PurgeRun[] | null> {
  if (!mayReadRegister(viewer.role)) return null;
  const rows = await db
    .select({ id: auditLog.id, at: auditLog.createdAt, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, "retention.purged"), isNull(auditLog.actorStaffId)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map((row) => {
    const { total, ...counts } = row.details as Partial<PurgeCounts> & { total?: number };
    return { auditId: row.id, at: row.at, counts, total: Number(total ?? 0) };
  });
}

export type SetRetentionResult = { ok: true; changed: boolean } | { ok: false; reason: "forbidden" | "notFound" };

/**
 * The board's privacy officer or a platform admin sets a board's periods: one transaction holding the board's row,
 * the change and its audit row (before and after). Setting the same values again writes nothing.
 */
export async function setBoardRetention(
  scope: StaffScope,
  staff: { id: string; role: StaffRole },
  input: { boardId: number; attemptsMonths: number; resolvedTicketsMonths: number },
): Promise<SetRetentionResult> {
  if (!mayReadRegister(staff.role)) return { ok: false, reason: "forbidden" };
  if (scope.kind === "schools" || (scope.kind === "board" && scope.boardId !== input.boardId)) return { ok: false, reason: "notFound" };
  return db.transaction(async (tx) => {
    // The board's row held: two changes of one board's periods are audited one after the other, each with its true "before".
    const [board] = await tx.select({ id: schoolBoards.id }).from(schoolBoards).where(eq(schoolBoards.id, input.boardId)).for("no key update");
    if (!board) return { ok: false as const, reason: "notFound" as const };
    const [current] = await tx.select().from(boardRetention).where(eq(boardRetention.boardId, board.id));
    const before = {
      attemptsMonths: current?.attemptsMonths ?? DEFAULT_RETENTION.attemptsMonths,
      resolvedTicketsMonths: current?.resolvedTicketsMonths ?? DEFAULT_RETENTION.resolvedTicketsMonths,
    };
    const values = { attemptsMonths: input.attemptsMonths, resolvedTicketsMonths: input.resolvedTicketsMonths };
    if (current && before.attemptsMonths === values.attemptsMonths && before.resolvedTicketsMonths === values.resolvedTicketsMonths) {
      return { ok: true as const, changed: false };
    }
    await tx
      .insert(boardRetention)
      .values({ boardId: board.id, ...values, updatedByStaffId: staff.id })
      .onConflictDoUpdate({ target: boardRetention.boardId, set: { ...values, updatedByStaffId: staff.id, updatedAt: sql`now()` } });
    await recordAudit(tx, { actor: staff.id, action: "retention.settings_changed", boardId: board.id, details: { before, after: values } });
    return { ok: true as const, changed: true };
  });
}

// ---------- Schedule ----------

/** Runs the purge a minute after start, then every RETENTION_PURGE_INTERVAL_MINUTES; one timer per process, never keeping it alive. */
export function startRetentionPurge(): void {
  startPeriodicJob({
    name: "retention-purge",
    everyMs: env.RETENTION_PURGE_INTERVAL_MINUTES * 60_000,
    firstAfterMs: 60_000,
    run: async () => {
      const result = await purgeExpiredData();
      if (result.ran) console.log(`[retention] purge done: ${JSON.stringify(result.counts)}`);
    },
    onError: (error) =>
      console.error(`[retention] purge failed (${error instanceof Error ? error.message : String(error)}); next run as scheduled`),
  });
}
