// Sign-in with throttling, and the server-side sessions behind next-auth's JWT.
// Failures are counted per email in auth_events whether or not an account exists, so neither the
// message nor the lockout reveals which addresses have accounts. They are counted per (email, network address)
// first, so someone who knows a parent's or a secretary's email slows down only their own address, and per
// email across every address only at a much higher count (Auth0, Keycloak): the owner on her own network
// still signs in while an attacker is slowed. A refusal while throttled is not a failure: it never extends
// the wait. A success (or staff lifting the lockout) resets every count of the email.
import { and, count, desc, eq, gt, isNull, lt, max, sql, type SQLWrapper } from "drizzle-orm";
import { databaseHandle, db, type Database, type Executor } from "@/db/client";
import { reusableStatement, type Row, type Statement } from "@/db/read-then-write";
import { authEvents, authSessions, parentAccounts, staffUsers } from "@/db/schema";
import { env } from "@/lib/env";
import { verifyAgainstDummy, verifyPassword } from "@/lib/password-hash";
import { retryAfterSeconds, signInDelaySeconds, type ThrottlePolicy } from "@/lib/rate-limit";

export type Subject = "parent" | "staff";

/** Failures of one email from one network address. */
export const throttlePolicy: ThrottlePolicy = {
  freeFailures: env.SIGNIN_FAILURES_BEFORE_DELAY,
  baseDelaySeconds: 60,
  maxDelaySeconds: env.SIGNIN_MAX_DELAY_SECONDS,
};

/** Failures of one email from every address together (a distributed guess). */
export const accountThrottlePolicy: ThrottlePolicy = {
  freeFailures: env.SIGNIN_ACCOUNT_FAILURES_BEFORE_DELAY,
  baseDelaySeconds: 60,
  maxDelaySeconds: env.SIGNIN_MAX_DELAY_SECONDS,
};

export type SessionLimits = { idleMinutes: number; absoluteHours: number };
export const sessionLimits: SessionLimits = {
  idleMinutes: env.SESSION_IDLE_MINUTES,
  absoluteHours: env.SESSION_ABSOLUTE_HOURS,
};

type Client = { ip: string | null; userAgent: string | null };

/** Consecutive failures of an email from one network address (null: the address was unknown). */
export type AddressThrottle = { ip: string | null; failures: number; lastFailureAt: Date; retryAfterSeconds: number };

export type ThrottleState = {
  /** Consecutive failures of the email from every address, since its last success or unlock (within 24 h). */
  consecutiveFailures: number;
  lastFailureAt: Date | null;
  /** Wait imposed on every address by the email-wide count. */
  accountRetryAfterSeconds: number;
  /** Per address, most failures first (at most 20). */
  addresses: AddressThrottle[];
  /** The longest wait anywhere: > 0 when someone, somewhere, is held back on this email. */
  retryAfterSeconds: number;
};

type Policies = { perAddress: ThrottlePolicy; perAccount: ThrottlePolicy };
const defaultPolicies: Policies = { perAddress: throttlePolicy, perAccount: accountThrottlePolicy };

/** The email's failures since its last success or unlock (within 24 h), per address and in all. */
export async function throttleState(
  subject: Subject,
  email: string,
  executor: Executor = db,
  policies: Policies = defaultPolicies,
): Promise<ThrottleState> {
  const now = new Date();
  const since = new Date(now.getTime() - 24 * 3600_000);
  const [{ lastReset }] = await executor
    .select({ lastReset: max(authEvents.createdAt) })
    .from(authEvents)
    .where(and(eq(authEvents.subject, subject), eq(authEvents.email, email), eq(authEvents.success, true)));
  const from = lastReset && lastReset > since ? lastReset : since;
  const rows = await executor
    .select({ ip: authEvents.ip, failures: count(), lastFailureAt: max(authEvents.createdAt) })
    .from(authEvents)
    .where(
      and(
        eq(authEvents.subject, subject),
        eq(authEvents.email, email),
        eq(authEvents.success, false),
        gt(authEvents.createdAt, from),
      ),
    )
    .groupBy(authEvents.ip);
  const addresses = rows
    .map((row) => ({
      ip: row.ip,
      failures: row.failures,
      lastFailureAt: row.lastFailureAt!,
      retryAfterSeconds: retryAfterSeconds(row.lastFailureAt, signInDelaySeconds(row.failures, policies.perAddress), now),
    }))
    .sort((a, b) => b.failures - a.failures || b.lastFailureAt.getTime() - a.lastFailureAt.getTime());
  const consecutiveFailures = addresses.reduce((sum, a) => sum + a.failures, 0);
  const lastFailureAt = addresses.reduce<Date | null>((latest, a) => (!latest || a.lastFailureAt > latest ? a.lastFailureAt : latest), null);
  const accountRetryAfterSeconds = retryAfterSeconds(lastFailureAt, signInDelaySeconds(consecutiveFailures, policies.perAccount), now);
  return {
    consecutiveFailures,
    lastFailureAt,
    accountRetryAfterSeconds,
    addresses: addresses.slice(0, 20),
    retryAfterSeconds: Math.max(accountRetryAfterSeconds, ...addresses.map((a) => a.retryAfterSeconds)),
  };
}

/** Seconds this address must wait before trying this email again (0: it may try now). */
export function waitFor(state: ThrottleState, ip: string | null): number {
  const own = state.addresses.find((a) => a.ip === ip)?.retryAfterSeconds ?? 0;
  return Math.max(state.accountRetryAfterSeconds, own);
}

async function ipIsThrottled(executor: Executor, ip: string | null) {
  if (!ip) return false;
  const [{ n }] = await executor
    .select({ n: count() })
    .from(authEvents)
    .where(and(eq(authEvents.ip, ip), eq(authEvents.success, false), gt(authEvents.createdAt, new Date(Date.now() - 3600_000))));
  return n >= env.SIGNIN_FAILURES_PER_HOUR_PER_IP;
}

export async function recordAuthEvent(
  executor: Executor,
  event: { subject: Subject; kind: string; email: string; success: boolean } & Client,
) {
  await executor.insert(authEvents).values(event);
}

export type SignInResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

async function findCredentials(executor: Executor, subject: Subject, email: string) {
  if (subject === "parent") {
    const [row] = await executor
      .select({ id: parentAccounts.id, passwordHash: parentAccounts.passwordHash, disabledAt: parentAccounts.disabledAt })
      .from(parentAccounts)
      .where(eq(parentAccounts.email, email));
    return row;
  }
  const [row] = await executor
    .select({ id: staffUsers.id, passwordHash: staffUsers.passwordHash, disabledAt: staffUsers.disabledAt })
    .from(staffUsers)
    .where(eq(staffUsers.email, email));
  return row;
}

/** Checks a password sign-in; on success opens a server-side session. Serialised per email across instances. */
export async function signInWithPassword(
  input: { subject: Subject; email: string; password: string } & Client,
): Promise<SignInResult> {
  const { subject, email } = input;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signin:${subject}:${email}`}))`);
    const wait = waitFor(await throttleState(subject, email, tx), input.ip);
    if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };
    if (await ipIsThrottled(tx, input.ip)) return { ok: false, reason: "throttled", retryAfterSeconds: 3600 };

    const user = await findCredentials(tx, subject, email);
    const valid =
      user?.passwordHash && !user.disabledAt
        ? await verifyPassword(user.passwordHash, input.password)
        : await verifyAgainstDummy(input.password);
    await recordAuthEvent(tx, { subject, kind: "signin", email, success: valid, ip: input.ip, userAgent: input.userAgent });
    if (!valid || !user) return { ok: false, reason: "invalid" };

    const now = new Date();
    const table = subject === "parent" ? parentAccounts : staffUsers;
    await tx.update(table).set({ lastSigninAt: now }).where(eq(table.id, user.id));
    const sessionId = await openSession(tx, { subject, userId: user.id, ip: input.ip, userAgent: input.userAgent });
    return { ok: true, sessionId, userId: user.id };
  });
}

/** Staff lift a lockout: recorded as a successful event, which resets the consecutive count. */
export async function liftLockout(executor: Executor, subject: Subject, email: string) {
  await recordAuthEvent(executor, { subject, kind: "unlock", email, success: true, ip: null, userAgent: null });
}

export async function openSession(
  executor: Executor,
  input: { subject: Subject; userId: string } & Client,
  limits: SessionLimits = sessionLimits,
): Promise<string> {
  const [row] = await executor
    .insert(authSessions)
    .values({
      subject: input.subject,
      parentAccountId: input.subject === "parent" ? input.userId : null,
      staffUserId: input.subject === "staff" ? input.userId : null,
      expiresAt: new Date(Date.now() + limits.absoluteHours * 3600_000),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    })
    .returning({ id: authSessions.id });
  return row!.id;
}

/** A session seen again within this time is not written again: idle time is kept to the minute. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;

/** A session neither revoked, idle too long (seen last before idleCutoff), nor past its absolute end. The values are
 * the caller's: dates, or placeholders of a statement built once. */
function openSessionConditions(values: { sessionId: string | SQLWrapper; idleCutoff: Date | SQLWrapper; now: Date | SQLWrapper }) {
  return and(
    eq(authSessions.id, values.sessionId),
    isNull(authSessions.revokedAt),
    gt(authSessions.lastSeenAt, values.idleCutoff),
    gt(authSessions.expiresAt, values.now),
  );
}

/** A session last seen before this time has been idle too long. */
export function idleCutoff(now: Date, limits: SessionLimits): Date {
  return new Date(now.getTime() - limits.idleMinutes * 60_000);
}

function sessionIsOpen(sessionId: string, now: Date, limits: SessionLimits) {
  return openSessionConditions({ sessionId, idleCutoff: idleCutoff(now, limits), now });
}

/** Whether the time last seen is due to be written again (once a minute at most). */
function sessionTouchDue(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

/** Writes the time last seen when the session has not been seen for a minute. */
export async function keepSessionAlive(sessionId: string, lastSeenAt: Date, now: Date) {
  if (!sessionTouchDue(lastSeenAt, now)) return;
  await sessionTouch().execute({ sessionId, now: now.toISOString() });
}

/** Statements every signed-in request may run, prepared once per database handle (see openParentSession). */
export function preparedPerDatabase<Q>(build: (database: Database) => Q): () => Q {
  const built = new WeakMap<object, Q>();
  return () => {
    const database = databaseHandle().db;
    let query = built.get(database);
    if (!query) built.set(database, (query = build(database)));
    return query;
  };
}

/** The time last seen written, by placeholders sessionId and now. Placeholders skip the columns' mapping: times go
 * as the driver's text. */
function sessionTouchQuery(database: Database) {
  return database
    .update(authSessions)
    .set({ lastSeenAt: sql`${sql.placeholder("now")}::timestamptz` })
    .where(and(eq(authSessions.id, sql.placeholder("sessionId")), lt(authSessions.lastSeenAt, sql.placeholder("now"))));
}

const sessionTouch = preparedPerDatabase((database) => sessionTouchQuery(database).prepare("touch_session"));

/**
 * Keeps a session alive if it is neither revoked, idle too long, nor past its absolute end.
 * Returns false when it has ended (the caller then drops the JWT). Every request of a signed-in user asks, so the
 * common answer is one indexed read: the time last seen is written at most once a minute (a write per request
 * was a WAL flush per page view).
 */
export async function touchSession(sessionId: string, limits: SessionLimits = sessionLimits): Promise<boolean> {
  const now = new Date();
  const [open] = await db.select({ lastSeenAt: authSessions.lastSeenAt }).from(authSessions).where(sessionIsOpen(sessionId, now, limits));
  if (!open) return false;
  await keepSessionAlive(sessionId, open.lastSeenAt, now);
  return true;
}

/** A parent's open session (as sessionIsOpen says), by placeholders: sessionId, parentAccountId, idleCutoff, now. */
function openParentSessionWhere() {
  return and(
    openSessionConditions({ sessionId: sql.placeholder("sessionId"), idleCutoff: sql.placeholder("idleCutoff"), now: sql.placeholder("now") }),
    eq(authSessions.parentAccountId, sql.placeholder("parentAccountId")),
  );
}

// Placeholders skip the columns' mapping: times go as the driver's text.
function openParentSessionValues(sessionId: string, parentAccountId: string, now: Date, limits: SessionLimits) {
  return { sessionId, parentAccountId, idleCutoff: idleCutoff(now, limits).toISOString(), now: now.toISOString() };
}

/**
 * The open session's time last seen and its account, prepared once per database handle: every parent page and
 * action reads it, and a prepared statement is parsed and planned once per connection and sent in one round trip
 * (a drizzle query with parameters takes two).
 */
const openParentSession = preparedPerDatabase((database) =>
  database
    .select({ lastSeenAt: authSessions.lastSeenAt, account: parentAccounts })
    .from(authSessions)
    .innerJoin(parentAccounts, eq(parentAccounts.id, authSessions.parentAccountId))
    .where(openParentSessionWhere())
    .prepare("open_parent_session"),
);

const parentSessionStatement = reusableStatement<ReturnType<typeof openParentSessionValues>>(() =>
  db
    .select({ lastSeenAt: authSessions.lastSeenAt, email: parentAccounts.email, disabledAt: parentAccounts.disabledAt })
    .from(authSessions)
    .innerJoin(parentAccounts, eq(parentAccounts.id, authSessions.parentAccountId))
    .where(openParentSessionWhere())
    .getSQL(),
);

const sessionTouchStatement = reusableStatement<{ sessionId: string; now: string }>(() => sessionTouchQuery(db).getSQL());

/** The parent's session check as a statement of another transaction's first round trip (db/read-then-write.ts). */
export type ParentSessionCheck = {
  read: Statement;
  /** From the read's rows: the account's email when the session is open and the account is not disabled, with the
   * statement that keeps the session alive when it is due (see keepSessionAlive). */
  open: (rows: Row[]) => { email: string; touch: Statement[] } | null;
};

export function parentSessionCheck(sessionId: string, parentAccountId: string, limits: SessionLimits = sessionLimits): ParentSessionCheck {
  const now = new Date();
  return {
    read: parentSessionStatement(openParentSessionValues(sessionId, parentAccountId, now, limits)),
    open: ([row]) => {
      if (!row || row.disabled_at) return null;
      // postgres.js under drizzle leaves times as text; PGlite gives a Date.
      const lastSeenAt = new Date(row.last_seen_at as string | Date);
      return { email: row.email as string, touch: sessionTouchDue(lastSeenAt, now) ? [sessionTouchStatement({ sessionId, now: now.toISOString() })] : [] };
    },
  };
}

/**
 * touchSession for a parent's session, reading the parent's account in the same statement: every parent page and
 * action needs both, and this is one round trip instead of two. Null when the session has ended or is not this
 * account's.
 */
export async function touchParentSession(sessionId: string, parentAccountId: string, limits: SessionLimits = sessionLimits) {
  const now = new Date();
  const [open] = await openParentSession().execute(openParentSessionValues(sessionId, parentAccountId, now, limits));
  if (!open) return null;
  await keepSessionAlive(sessionId, open.lastSeenAt, now);
  return open.account;
}

export async function revokeSession(sessionId: string) {
  await db.update(authSessions).set({ revokedAt: new Date() }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
}

/** Ends every open session of a parent account (password reset, account disabled). */
export async function revokeParentSessions(executor: Executor, parentAccountId: string): Promise<number> {
  const ended = await executor
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(authSessions.parentAccountId, parentAccountId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return ended.length;
}

/** Recent authentication events for an email (staff screens). */
export async function authEventsFor(subject: Subject, email: string, limit = 20) {
  return db
    .select()
    .from(authEvents)
    .where(and(eq(authEvents.subject, subject), eq(authEvents.email, email)))
    .orderBy(desc(authEvents.createdAt))
    .limit(limit);
}
