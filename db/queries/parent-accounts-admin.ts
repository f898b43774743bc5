// Parent accounts as staff see them: found by email, shown only to staff of the families they serve, and the
// account actions staff may take (start a password reset, lift a sign-in lockout), each audited.
//
// Visibility: admins see every account. Other staff see an account when it touches their scope: its email is a
// guardian email on a student record in scope that was already there when the account was created, or it has an
// association with such a student, or an association attempt the scope may read (attemptScopeFilter). Outside
// that, an account is answered like a missing one. An address written onto a record after the account existed
// does not count: otherwise a secretary could open any parent's account page by adding that parent's address
// to one of her students (the parent's own association or attempt then shows it, as for any family).
import { and, asc, desc, eq, exists, lte, or, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { searchAttemptsForStaff, attemptScopeFilter, type AttemptView } from "@/db/queries/attempts";
import { authEventsFor, liftLockout, throttleState, type ThrottleState } from "@/db/queries/auth";
import { emailHistoryFor, type EmailHistoryEntry } from "@/db/queries/email-outbox";
import { codesSentTo, requestCode, type CodeLimits } from "@/db/queries/verification-codes";
import {
  associationAttempts,
  associations,
  guardianEmails,
  parentAccounts,
  schoolBoards,
  schools,
  students,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { normalizeEmail } from "@/lib/email-address";
import { toLocale } from "@/lib/i18n/locale";
import { containsPattern } from "@/lib/sql-like";
import { ACCOUNT_SEARCH_LIMIT, accountSearchKind } from "@/lib/validations/parent-accounts-admin";

const one = { one: sql`1` };

function studentInScope(scope: StaffScope): SQL {
  return scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId });
}

/** Condition on parent_accounts: the account touches the scope (see the module header). */
export function accountVisibleCondition(scope: StaffScope): SQL {
  if (scope.kind === "all") return sql`true`;
  return or(
    exists(
      db
        .select(one)
        .from(guardianEmails)
        .innerJoin(students, eq(students.id, guardianEmails.studentId))
        .where(
          and(
            eq(guardianEmails.email, parentAccounts.email),
            lte(guardianEmails.updatedAt, parentAccounts.createdAt),
            studentInScope(scope),
          ),
        ),
    ),
    exists(
      db
        .select(one)
        .from(associations)
        .innerJoin(students, eq(students.id, associations.studentId))
        .where(and(eq(associations.parentAccountId, parentAccounts.id), studentInScope(scope))),
    ),
    exists(
      db
        .select(one)
        .from(associationAttempts)
        .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
        .where(and(eq(associationAttempts.parentAccountId, parentAccounts.id), attemptScopeFilter(scope))),
    ),
  )!;
}

const summaryFields = {
  id: parentAccounts.id,
  email: parentAccounts.email,
  locale: parentAccounts.locale,
  createdAt: parentAccounts.createdAt,
  emailVerifiedAt: parentAccounts.emailVerifiedAt,
  lastSigninAt: parentAccounts.lastSigninAt,
  disabledAt: parentAccounts.disabledAt,
};

export type AccountSummary = {
  id: string;
  email: string;
  locale: string;
  createdAt: Date;
  emailVerifiedAt: Date;
  lastSigninAt: Date | null;
  disabledAt: Date | null;
};

/** A student in scope whose record lists an address (shown when no account uses it). */
export type RecordWithEmail = { id: number; lastName: string; firstName: string; fiche: string; schoolName: string };

export type AccountSearchResult = {
  /** The account using exactly the typed address, if the query is one and the account is visible. */
  exact: AccountSummary | null;
  /** Visible accounts whose email contains the query (the exact one included), at most ACCOUNT_SEARCH_LIMIT. */
  rows: AccountSummary[];
  /** More visible accounts contain the query than `rows` lists. */
  more: boolean;
  /** When the query is a whole address: the records in scope listing it. */
  onRecordOf: RecordWithEmail[];
};

/**
 * Staff search by email: the exact address, and addresses containing what was typed. Nothing is searched for a query
 * too short (accountSearchKind): no address is that short, and a part that short would match nearly every account.
 */
export async function searchParentAccountsForStaff(scope: StaffScope, query: string): Promise<AccountSearchResult> {
  const q = normalizeEmail(query);
  const kind = accountSearchKind(q);
  if (kind === "none" || kind === "tooShort") return { exact: null, rows: [], more: false, onRecordOf: [] };
  // The exact address, when an account has it, is listed first (it contains the query); one row more than listed
  // tells whether there are more.
  const rows = await db
    .select(summaryFields)
    .from(parentAccounts)
    .where(and(sql`${parentAccounts.email} like ${containsPattern(q)}`, accountVisibleCondition(scope)))
    .orderBy(sql`${parentAccounts.email} = ${q} desc`, asc(parentAccounts.email))
    .limit(ACCOUNT_SEARCH_LIMIT + 1);
  const exact = rows[0]?.email === q ? rows[0] : null;
  const onRecordOf = kind === "address" ? await recordsListing(db, scope, q) : [];
  return { exact, rows: rows.slice(0, ACCOUNT_SEARCH_LIMIT), more: rows.length > ACCOUNT_SEARCH_LIMIT, onRecordOf };
}

async function recordsListing(executor: Executor, scope: StaffScope, email: string, limit = 20): Promise<RecordWithEmail[]> {
  return executor
    .select({
      id: students.id,
      lastName: students.lastName,
      firstName: students.firstName,
      fiche: students.fiche,
      schoolName: schools.name,
    })
    .from(guardianEmails)
    .innerJoin(students, eq(students.id, guardianEmails.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(and(eq(guardianEmails.email, email), studentInScope(scope)))
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id))
    .limit(limit);
}

/** The visible account with this id, or this address (pages accept either in the URL). */
async function findVisibleAccount(executor: Executor, scope: StaffScope, idOrEmail: string): Promise<AccountSummary | null> {
  const key = idOrEmail.trim();
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
  const [row] = await executor
    .select(summaryFields)
    .from(parentAccounts)
    .where(
      and(
        isUuid ? eq(parentAccounts.id, key.toLowerCase()) : eq(parentAccounts.email, normalizeEmail(key)),
        accountVisibleCondition(scope),
      ),
    );
  return row ?? null;
}

/**
 * Where an account action is filed in the audit log, so the staff who may read it find it: the board and school
 * of a student in scope that ties the account to the scope (an association first, then a record listing its email,
 * then an attempt); for an attempt without a student, the board chosen by the parent.
 */
async function placementInScope(
  executor: Executor,
  scope: StaffScope,
  account: { id: string; email: string },
): Promise<{ boardId: number | null; schoolId: number | null }> {
  const place = { boardId: students.boardId, schoolId: students.schoolId };
  const [associated] = await executor
    .select(place)
    .from(associations)
    .innerJoin(students, eq(students.id, associations.studentId))
    .where(and(eq(associations.parentAccountId, account.id), studentInScope(scope)))
    .orderBy(sql`${associations.revokedAt} is null desc`, desc(associations.createdAt))
    .limit(1);
  if (associated) return associated;
  const [listed] = await executor
    .select(place)
    .from(guardianEmails)
    .innerJoin(students, eq(students.id, guardianEmails.studentId))
    .where(and(eq(guardianEmails.email, account.email), studentInScope(scope)))
    .limit(1);
  if (listed) return listed;
  const [attempted] = await executor
    .select({ boardId: sql<number | null>`coalesce(${students.boardId}, ${associationAttempts.boardId})`, schoolId: students.schoolId })
    .from(associationAttempts)
    .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
    .where(and(eq(associationAttempts.parentAccountId, account.id), attemptScopeFilter(scope)))
    .orderBy(desc(associationAttempts.createdAt))
    .limit(1);
  return attempted ?? { boardId: null, schoolId: null };
}

export type AccountChild = {
  student: { id: number; lastName: string; firstName: string; fiche: string; schoolName: string; boardName: string };
  /** The active association, if any. */
  association: { id: string; method: "match" | "nip"; since: Date } | null;
  revokedAssociations: { id: string; since: Date; revokedAt: Date }[];
  /** The account's email is a guardian email on the record (the child is "seen", associated or not). */
  emailOnRecord: boolean;
};

export type ParentAccountDetail = {
  account: AccountSummary;
  lockout: ThrottleState & { locked: boolean };
  signIns: { id: number; kind: string; success: boolean; createdAt: Date }[];
  codes: Awaited<ReturnType<typeof codesSentTo>>;
  emails: EmailHistoryEntry[];
  /** Children in scope only. */
  children: AccountChild[];
  attempts: AttemptView[];
};

async function childrenInScope(scope: StaffScope, account: { id: string; email: string }): Promise<AccountChild[]> {
  const studentFields = {
    id: students.id,
    lastName: students.lastName,
    firstName: students.firstName,
    fiche: students.fiche,
    schoolName: schools.name,
    boardName: schoolBoards.name,
  };
  const [linked, listed] = await Promise.all([
    db
      .select({
        student: studentFields,
        id: associations.id,
        method: associations.method,
        since: associations.createdAt,
        revokedAt: associations.revokedAt,
      })
      .from(associations)
      .innerJoin(students, eq(students.id, associations.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
      .where(and(eq(associations.parentAccountId, account.id), studentInScope(scope)))
      .orderBy(desc(associations.createdAt)),
    db
      .select(studentFields)
      .from(guardianEmails)
      .innerJoin(students, eq(students.id, guardianEmails.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
      .where(and(eq(guardianEmails.email, account.email), studentInScope(scope))),
  ]);
  const byStudent = new Map<number, AccountChild>();
  const entry = (student: AccountChild["student"]) => {
    let child = byStudent.get(student.id);
    if (!child) {
      child = { student, association: null, revokedAssociations: [], emailOnRecord: false };
      byStudent.set(student.id, child);
    }
    return child;
  };
  for (const row of linked) {
    const child = entry(row.student);
    if (row.revokedAt === null) child.association = { id: row.id, method: row.method, since: row.since };
    else child.revokedAssociations.push({ id: row.id, since: row.since, revokedAt: row.revokedAt });
  }
  for (const student of listed) entry(student).emailOnRecord = true;
  return [...byStudent.values()].sort(
    (a, b) =>
      Number(b.association !== null) - Number(a.association !== null) ||
      a.student.lastName.localeCompare(b.student.lastName, "fr") ||
      a.student.firstName.localeCompare(b.student.firstName, "fr"),
  );
}

/** An account's page for staff, by id or email; null when there is no such account or it is outside the scope. */
export async function getParentAccountForStaff(scope: StaffScope, idOrEmail: string): Promise<ParentAccountDetail | null> {
  const account = await findVisibleAccount(db, scope, idOrEmail);
  if (!account) return null;
  const [lockout, events, codes, emails, children, attempts] = await Promise.all([
    throttleState("parent", account.email),
    authEventsFor("parent", account.email, 20),
    codesSentTo(account.email, 20),
    emailHistoryFor(account.email, { limit: 30 }),
    childrenInScope(scope, account),
    searchAttemptsForStaff(scope, { email: account.email, outcome: "all", page: 1 }),
  ]);
  return {
    account,
    lockout: { ...lockout, locked: lockout.retryAfterSeconds > 0 },
    signIns: events.map(({ id, kind, success, createdAt }) => ({ id, kind, success, createdAt })),
    codes,
    emails,
    children,
    // The email filter matches addresses containing this one; keep this account's attempts only.
    attempts: attempts.rows.filter((attempt) => attempt.parentAccountId === account.id),
  };
}

export type AccountActionFailure = "notFound" | "notLocked" | "accountDisabled" | "cooldown" | "tooManyCodes";
export type AccountActionResult<T> = { ok: true; value: T } | { ok: false; reason: AccountActionFailure; retryAfterSeconds?: number };

/**
 * Ends a parent's sign-in lockout: the consecutive failures of the address are reset (a "unlock" auth event),
 * serialised with sign-ins on the same address. Refused when there is nothing to lift.
 */
export async function liftParentLockout(
  scope: StaffScope,
  staffId: string,
  accountId: string,
): Promise<AccountActionResult<{ failuresCleared: number }>> {
  return db.transaction(async (tx) => {
    const account = await findVisibleAccount(tx, scope, accountId);
    if (!account) return { ok: false as const, reason: "notFound" as const };
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signin:parent:${account.email}`}))`);
    const state = await throttleState("parent", account.email, tx);
    if (state.consecutiveFailures === 0) return { ok: false as const, reason: "notLocked" as const };
    await liftLockout(tx, "parent", account.email);
    await recordAudit(tx, {
      actor: staffId,
      action: "account.lockout_lifted",
      ...(await placementInScope(tx, scope, account)),
      parentAccountId: account.id,
      details: {
        email: account.email,
        failuresCleared: state.consecutiveFailures,
        secondsLeft: state.retryAfterSeconds,
      },
    });
    return { ok: true as const, value: { failuresCleared: state.consecutiveFailures } };
  });
}

/**
 * Sends the parent a password-reset code and link on their behalf (the "resend" of a parent who never got, or
 * lost, the email). Staff never see the code and never choose the password (ASVS 6.4.6): the parent does, from
 * the email. The address's own code limits apply (cooldown, codes per hour); the staff's IP is not counted.
 */
export async function startPasswordResetForParent(
  scope: StaffScope,
  staffId: string,
  accountId: string,
  options: { limits?: CodeLimits; appUrl?: string } = {},
): Promise<AccountActionResult<{ expiresAt: Date }>> {
  const account = await findVisibleAccount(db, scope, accountId);
  if (!account) return { ok: false, reason: "notFound" };
  if (account.disabledAt) return { ok: false, reason: "accountDisabled" };
  const placement = await placementInScope(db, scope, account);
  const result = await requestCode({
    email: account.email,
    purpose: "reset",
    ip: null,
    locale: toLocale(account.locale),
    limits: options.limits,
    appUrl: options.appUrl,
    onCreated: async (tx) => {
      await recordAudit(tx, {
        actor: staffId,
        action: "account.reset_started",
        ...placement,
        parentAccountId: account.id,
        details: { email: account.email },
      });
    },
  });
  if (!result.ok) return { ok: false, reason: result.reason, retryAfterSeconds: result.retryAfterSeconds };
  return { ok: true, value: { expiresAt: result.expiresAt } };
}
