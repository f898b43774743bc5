// Staff administration (/admin/personnel): the staff an administrator may see, invitations, role and school
// changes, deactivation, staff-started password resets and lockouts. The rules of who may do what are in
// lib/staff/admin-rules.ts; every change writes its audit row in the same transaction.
import { and, asc, eq, gt, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { liftLockout, throttleState } from "@/db/queries/auth";
import { revokeStaffSessions } from "@/db/queries/staff-security";
import { schoolBoards, schools, staffAccessLinks, staffPasskeys, staffSchools, staffUsers, type StaffRole } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { enqueueEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locale";
import { hashPassword } from "@/lib/password-hash";
import { hashSecret, randomToken } from "@/lib/secret-hash";
import {
  accountActionRefusal,
  assignmentRefusal,
  boardOfAssignment,
  canAdministerStaff,
  changeRefusal,
  mfaRequiredFor,
  type AdminRefusal,
  type Assignment,
  type StaffActor,
} from "@/lib/staff/admin-rules";

export const INVITATION_LIFETIME_HOURS = 72;
export const PASSWORD_RESET_LIFETIME_HOURS = 24;
const LINK_HASH_PURPOSE = "staff-access-link";

export type AccessLinkKind = "invitation" | "password_reset";

export type StaffStatus = "invited" | "active" | "disabled";

export type StaffListRow = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  boardId: number | null;
  boardName: string | null;
  schools: { id: number; name: string }[];
  status: StaffStatus;
  lastSigninAt: Date | null;
  consecutiveFailures: number;
  /** Sign-in refused until then (a lockout in force), or null. */
  lockedUntil: Date | null;
  mfa: { required: boolean; totp: boolean; passkeys: number };
};

/** Rows of staff_users the actor may see: every one for admins, their board's non-admins for board support. */
function visibleStaffCondition(actor: StaffActor): SQL {
  if (actor.role === "admin") return sql`true`;
  if (actor.role === "board_support" && actor.boardId !== null) {
    return and(eq(staffUsers.boardId, actor.boardId), ne(staffUsers.role, "admin"))!;
  }
  return sql`false`;
}

const staffColumns = {
  id: staffUsers.id,
  email: staffUsers.email,
  name: staffUsers.name,
  role: staffUsers.role,
  boardId: staffUsers.boardId,
  boardName: schoolBoards.name,
  secretaryMfaRequired: schoolBoards.secretaryMfaRequired,
  passwordHash: staffUsers.passwordHash,
  disabledAt: staffUsers.disabledAt,
  lastSigninAt: staffUsers.lastSigninAt,
  totpEnabledAt: staffUsers.totpEnabledAt,
  passkeys: sql<number>`(select count(*)::int from ${staffPasskeys} where ${staffPasskeys.staffUserId} = ${staffUsers.id})`,
  invitationPending: sql<boolean>`exists (select 1 from ${staffAccessLinks} where ${staffAccessLinks.staffUserId} = ${staffUsers.id}
    and ${staffAccessLinks.kind} = 'invitation' and ${staffAccessLinks.usedAt} is null and ${staffAccessLinks.supersededAt} is null)`,
};

async function toListRows(rows: Awaited<ReturnType<typeof selectStaff>>): Promise<StaffListRow[]> {
  const ids = rows.map((r) => r.id);
  const assigned = ids.length
    ? await db
        .select({ staffUserId: staffSchools.staffUserId, id: schools.id, name: schools.name })
        .from(staffSchools)
        .innerJoin(schools, eq(schools.id, staffSchools.schoolId))
        .where(inArray(staffSchools.staffUserId, ids))
        .orderBy(asc(schools.name))
    : [];
  return Promise.all(
    rows.map(async (row) => {
      const throttle = await throttleState("staff", row.email);
      return {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        boardId: row.boardId,
        boardName: row.boardName,
        schools: assigned.filter((a) => a.staffUserId === row.id).map(({ id, name }) => ({ id, name })),
        status: row.disabledAt ? "disabled" : !row.passwordHash && row.invitationPending ? "invited" : "active",
        lastSigninAt: row.lastSigninAt,
        consecutiveFailures: throttle.consecutiveFailures,
        lockedUntil: throttle.retryAfterSeconds > 0 ? new Date(Date.now() + throttle.retryAfterSeconds * 1000) : null,
        mfa: {
          required: mfaRequiredFor(row, row.secretaryMfaRequired ?? false),
          totp: row.totpEnabledAt !== null,
          passkeys: row.passkeys,
        },
      } satisfies StaffListRow;
    }),
  );
}

function selectStaff(where: SQL) {
  return db
    .select(staffColumns)
    .from(staffUsers)
    .leftJoin(schoolBoards, eq(schoolBoards.id, staffUsers.boardId))
    .where(where)
    .orderBy(asc(staffUsers.name), asc(staffUsers.email));
}

/** The staff the actor may manage (their own row included for context), in name order. */
export async function listStaff(actor: StaffActor): Promise<StaffListRow[]> {
  if (!canAdministerStaff(actor)) return [];
  return toListRows(await selectStaff(visibleStaffCondition(actor)));
}

/** One staff member the actor may see, or null (outside the actor's reach answers like a missing one). */
export async function getStaffMember(actor: StaffActor, staffId: string): Promise<StaffListRow | null> {
  if (!canAdministerStaff(actor) || !/^[0-9a-f-]{36}$/i.test(staffId)) return null;
  const rows = await selectStaff(and(eq(staffUsers.id, staffId), visibleStaffCondition(actor))!);
  return (await toListRows(rows))[0] ?? null;
}

export type AssignmentInput = { role: StaffRole; boardId: number | null; schoolIds: number[] };

async function resolveAssignment(executor: Executor, input: AssignmentInput): Promise<Assignment | null> {
  const ids = [...new Set(input.schoolIds)];
  const found = ids.length
    ? await executor.select({ id: schools.id, boardId: schools.boardId }).from(schools).where(inArray(schools.id, ids))
    : [];
  if (found.length !== ids.length) return null;
  if (input.boardId !== null) {
    const [board] = await executor.select({ id: schoolBoards.id }).from(schoolBoards).where(eq(schoolBoards.id, input.boardId));
    if (!board) return null;
  }
  return {
    role: input.role,
    boardId: input.role === "board_support" || input.role === "privacy_officer" ? input.boardId : null,
    schools: input.role === "secretary" ? found : [],
  };
}

class Refused extends Error {
  constructor(readonly reason: StaffAdminRefusal) {
    super(reason);
  }
}

export type StaffAdminRefusal =
  | AdminRefusal
  | "emailTaken"
  | "unknownSchoolOrBoard"
  | "unchanged"
  | "alreadyDisabled"
  | "notDisabled"
  | "notInvited"
  | "notActive"
  | "notLocked";

export type StaffAdminResult<T = undefined> = { ok: true; value: T } | { ok: false; reason: StaffAdminRefusal };

async function run<T>(work: (tx: Transaction) => Promise<T>): Promise<StaffAdminResult<T>> {
  try {
    return { ok: true, value: await db.transaction(work) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}

/** Serialises changes that could leave no active admin (with the trigger of migration 0018 as a backstop). */
async function lockAdmins(tx: Transaction) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('staff-admins'))`);
}

async function otherActiveAdmins(tx: Transaction, staffId: string): Promise<number> {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "admin"), isNull(staffUsers.disabledAt), ne(staffUsers.id, staffId)));
  return n;
}

async function lockTarget(tx: Transaction, staffId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(staffId)) return null;
  const [row] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffId)).for("update");
  return row ?? null;
}

async function schoolIdsOf(tx: Executor, staffId: string): Promise<number[]> {
  const rows = await tx.select({ id: staffSchools.schoolId }).from(staffSchools).where(eq(staffSchools.staffUserId, staffId));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Creates a single-use link (superseding the staff member's previous one of that kind) and queues its email. */
async function issueAccessLink(
  tx: Transaction,
  input: { staffUserId: string; email: string; kind: AccessLinkKind; createdBy: string; invitedBy?: string; role?: string; locale: Locale },
): Promise<{ expiresAt: Date }> {
  await tx
    .update(staffAccessLinks)
    .set({ supersededAt: sql`now()` })
    .where(
      and(
        eq(staffAccessLinks.staffUserId, input.staffUserId),
        eq(staffAccessLinks.kind, input.kind),
        isNull(staffAccessLinks.usedAt),
        isNull(staffAccessLinks.supersededAt),
      ),
    );
  const token = randomToken();
  const hours = input.kind === "invitation" ? INVITATION_LIFETIME_HOURS : PASSWORD_RESET_LIFETIME_HOURS;
  const [link] = await tx
    .insert(staffAccessLinks)
    .values({
      staffUserId: input.staffUserId,
      kind: input.kind,
      tokenHash: hashSecret(token, LINK_HASH_PURPOSE),
      expiresAt: sql`now() + make_interval(hours => ${hours}::int)`,
      createdByStaffId: input.createdBy,
    })
    .returning({ expiresAt: staffAccessLinks.expiresAt });
  const path = input.kind === "invitation" ? "/admin/connexion/invitation/" : "/admin/connexion/mot-de-passe/";
  await enqueueEmail(tx, {
    to: input.email,
    template: "staff-access-link",
    locale: input.locale,
    params: {
      kind: input.kind,
      link: new URL(path + token, env.APP_URL).toString(),
      expiresAt: link!.expiresAt,
      invitedBy: input.invitedBy,
      role: input.role,
    },
  });
  return { expiresAt: link!.expiresAt };
}

export type InviteInput = AssignmentInput & { email: string; name: string; locale: Locale; roleLabel?: string };

/**
 * Invites a staff member: the account exists at once without a password, and the email carries a single-use
 * link valid 72 h where they choose it. Call deliverSoon() after.
 */
export async function inviteStaff(
  actor: StaffActor & { name: string },
  input: InviteInput,
): Promise<StaffAdminResult<{ staffId: string; expiresAt: Date }>> {
  return run(async (tx) => {
    const assignment = await resolveAssignment(tx, input);
    if (!assignment) throw new Refused("unknownSchoolOrBoard");
    const refusal = assignmentRefusal(actor, assignment);
    if (refusal) throw new Refused(refusal);
    const [taken] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, input.email));
    if (taken) throw new Refused("emailTaken");
    const boardId = boardOfAssignment(assignment);
    const [staff] = await tx
      .insert(staffUsers)
      .values({ email: input.email, name: input.name, role: assignment.role, boardId, passwordHash: null })
      .onConflictDoNothing({ target: staffUsers.email })
      .returning({ id: staffUsers.id });
    if (!staff) throw new Refused("emailTaken");
    if (assignment.schools.length) {
      await tx.insert(staffSchools).values(assignment.schools.map((s) => ({ staffUserId: staff.id, schoolId: s.id })));
    }
    await recordAudit(tx, {
      actor: actor.id,
      action: "staff.invited",
      boardId,
      details: { staffId: staff.id, email: input.email, name: input.name, role: assignment.role, schoolIds: assignment.schools.map((s) => s.id) },
    });
    const { expiresAt } = await issueAccessLink(tx, {
      staffUserId: staff.id,
      email: input.email,
      kind: "invitation",
      createdBy: actor.id,
      invitedBy: actor.name,
      role: input.roleLabel ?? assignment.role,
      locale: input.locale,
    });
    return { staffId: staff.id, expiresAt };
  });
}

/** A new invitation link for someone who has not accepted yet (the previous link stops working). */
export async function resendInvitation(
  actor: StaffActor & { name: string },
  staffId: string,
  options: { locale: Locale; roleLabel?: string },
): Promise<StaffAdminResult<{ expiresAt: Date }>> {
  return run(async (tx) => {
    const target = await lockTarget(tx, staffId);
    if (!target) throw new Refused("notFound");
    const refusal = accountActionRefusal(actor, target);
    if (refusal) throw new Refused(refusal);
    if (target.passwordHash || target.disabledAt) throw new Refused("notInvited");
    await recordAudit(tx, { actor: actor.id, action: "staff.invitation_resent", boardId: target.boardId, details: { staffId: target.id, email: target.email } });
    return issueAccessLink(tx, {
      staffUserId: target.id,
      email: target.email,
      kind: "invitation",
      createdBy: actor.id,
      invitedBy: actor.name,
      role: options.roleLabel ?? target.role,
      locale: options.locale,
    });
  });
}

/** Changes a staff member's role, board and schools. Scope is read fresh on every request: it applies at once. */
export async function changeStaffAssignment(actor: StaffActor, staffId: string, input: AssignmentInput): Promise<StaffAdminResult> {
  return run(async (tx) => {
    await lockAdmins(tx);
    const target = await lockTarget(tx, staffId);
    if (!target) throw new Refused("notFound");
    const assignment = await resolveAssignment(tx, input);
    if (!assignment) throw new Refused("unknownSchoolOrBoard");
    const refusal = changeRefusal(actor, target, assignment);
    if (refusal) throw new Refused(refusal);
    const beforeSchools = await schoolIdsOf(tx, target.id);
    const afterSchools = assignment.schools.map((s) => s.id).sort((a, b) => a - b);
    const boardId = boardOfAssignment(assignment);
    if (target.role === assignment.role && target.boardId === boardId && beforeSchools.join() === afterSchools.join()) {
      throw new Refused("unchanged");
    }
    if (target.role === "admin" && assignment.role !== "admin" && !target.disabledAt && (await otherActiveAdmins(tx, target.id)) === 0) {
      throw new Refused("lastAdmin");
    }
    await tx.update(staffUsers).set({ role: assignment.role, boardId }).where(eq(staffUsers.id, target.id));
    await tx.delete(staffSchools).where(eq(staffSchools.staffUserId, target.id));
    if (afterSchools.length) await tx.insert(staffSchools).values(afterSchools.map((schoolId) => ({ staffUserId: target.id, schoolId })));
    await recordAudit(tx, {
      actor: actor.id,
      action: "staff.assignment_changed",
      boardId: boardId ?? target.boardId,
      details: {
        staffId: target.id,
        email: target.email,
        before: { role: target.role, boardId: target.boardId, schoolIds: beforeSchools },
        after: { role: assignment.role, boardId, schoolIds: afterSchools },
      },
    });
    return undefined;
  });
}

/** Deactivates a staff account and ends every one of its sessions at once (the next request is refused). */
export async function deactivateStaff(actor: StaffActor, staffId: string, reason: string): Promise<StaffAdminResult<{ sessionsEnded: number }>> {
  return run(async (tx) => {
    await lockAdmins(tx);
    const target = await lockTarget(tx, staffId);
    if (!target) throw new Refused("notFound");
    const refusal = accountActionRefusal(actor, target);
    if (refusal) throw new Refused(refusal);
    if (target.disabledAt) throw new Refused("alreadyDisabled");
    if (target.role === "admin" && (await otherActiveAdmins(tx, target.id)) === 0) throw new Refused("lastAdmin");
    await tx.update(staffUsers).set({ disabledAt: sql`now()` }).where(eq(staffUsers.id, target.id));
    const sessionsEnded = await revokeStaffSessions(tx, target.id);
    // Unused links die with the account: reactivating does not revive an old invitation or reset.
    await tx
      .update(staffAccessLinks)
      .set({ supersededAt: sql`now()` })
      .where(and(eq(staffAccessLinks.staffUserId, target.id), isNull(staffAccessLinks.usedAt), isNull(staffAccessLinks.supersededAt)));
    await recordAudit(tx, {
      actor: actor.id,
      action: "staff.deactivated",
      boardId: target.boardId,
      details: { staffId: target.id, email: target.email, reason, sessionsEnded },
    });
    return { sessionsEnded };
  });
}

export async function reactivateStaff(actor: StaffActor, staffId: string): Promise<StaffAdminResult> {
  return run(async (tx) => {
    const target = await lockTarget(tx, staffId);
    if (!target) throw new Refused("notFound");
    const refusal = accountActionRefusal(actor, target);
    if (refusal) throw new Refused(refusal);
    if (!target.disabledAt) throw new Refused("notDisabled");
    await tx.update(staffUsers).set({ disabledAt: null }).where(eq(staffUsers.id, target.id));
    await recordAudit(tx, { actor: actor.id, action: "staff.reactivated", boardId: target.boardId, details: { staffId: target.id, email: target.email } });
    return undefined;
  });
}

/** Emails an active staff member a single-use link to choose a new password; staff never choose it for them. */
export async function startStaffPasswordReset(
  actor: StaffActor & { name: string },
  staffId: string,
  options: { locale: Locale },
): Promise<StaffAdminResult<{ expiresAt: Date }>> {
  return run(async (tx) => {
    const target = await lockTarget(tx, staffId);
    if (!target) throw new Refused("notFound");
    const refusal = accountActionRefusal(actor, target);
    if (refusal) throw new Refused(refusal);
    if (target.disabledAt || !target.passwordHash) throw new Refused("notActive");
    await recordAudit(tx, {
      actor: actor.id,
      action: "staff.password_reset_started",
      boardId: target.boardId,
      details: { staffId: target.id, email: target.email },
    });
    return issueAccessLink(tx, { staffUserId: target.id, email: target.email, kind: "password_reset", createdBy: actor.id, locale: options.locale });
  });
}

export async function liftStaffLockout(actor: StaffActor, staffId: string): Promise<StaffAdminResult<{ failuresCleared: number }>> {
  return run(async (tx) => {
    const target = await lockTarget(tx, staffId);
    if (!target) throw new Refused("notFound");
    const refusal = accountActionRefusal(actor, target);
    if (refusal) throw new Refused(refusal);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signin:staff:${target.email}`}))`);
    const state = await throttleState("staff", target.email, tx);
    if (state.consecutiveFailures === 0) throw new Refused("notLocked");
    await liftLockout(tx, "staff", target.email);
    await recordAudit(tx, {
      actor: actor.id,
      action: "staff.lockout_lifted",
      boardId: target.boardId,
      details: { staffId: target.id, email: target.email, failuresCleared: state.consecutiveFailures },
    });
    return { failuresCleared: state.consecutiveFailures };
  });
}

/** Whether a board's secretaries must use a second factor: admins for any board, board support for their own. */
export async function setSecretaryMfaRequired(actor: StaffActor, boardId: number, required: boolean): Promise<StaffAdminResult> {
  return run(async (tx) => {
    if (!canAdministerStaff(actor) || (actor.role === "board_support" && actor.boardId !== boardId)) throw new Refused("notFound");
    const [board] = await tx.select().from(schoolBoards).where(eq(schoolBoards.id, boardId)).for("update");
    if (!board) throw new Refused("notFound");
    if (board.secretaryMfaRequired === required) throw new Refused("unchanged");
    await tx.update(schoolBoards).set({ secretaryMfaRequired: required }).where(eq(schoolBoards.id, boardId));
    await recordAudit(tx, { actor: actor.id, action: "board.secretary_mfa_changed", boardId, details: { required } });
    return undefined;
  });
}

/** A board's password composition rule (character classes required, 0-4): board support of that board or an admin. */
export async function setBoardPasswordRule(actor: StaffActor, boardId: number, minClasses: number): Promise<StaffAdminResult> {
  return run(async (tx) => {
    if (!canAdministerStaff(actor) || (actor.role === "board_support" && actor.boardId !== boardId)) throw new Refused("notFound");
    const [board] = await tx.select().from(schoolBoards).where(eq(schoolBoards.id, boardId)).for("update");
    if (!board) throw new Refused("notFound");
    if (board.passwordMinClasses === minClasses) throw new Refused("unchanged");
    await tx.update(schoolBoards).set({ passwordMinClasses: minClasses }).where(eq(schoolBoards.id, boardId));
    await recordAudit(tx, {
      actor: actor.id,
      action: "board.password_rule_changed",
      boardId,
      details: { minClasses, previousMinClasses: board.passwordMinClasses },
    });
    return undefined;
  });
}

/** Boards the actor administers staff for, with the secretaries' MFA setting and the password rule. */
export async function boardsForStaffAdmin(actor: StaffActor) {
  if (!canAdministerStaff(actor)) return [];
  const where = actor.role === "admin" ? sql`true` : eq(schoolBoards.id, actor.boardId ?? -1);
  return db
    .select({
      id: schoolBoards.id,
      code: schoolBoards.code,
      name: schoolBoards.name,
      secretaryMfaRequired: schoolBoards.secretaryMfaRequired,
      passwordMinClasses: schoolBoards.passwordMinClasses,
    })
    .from(schoolBoards)
    .where(where)
    .orderBy(asc(schoolBoards.name));
}

// ---------- Following a link (no session: the token is the proof) ----------

export type AccessLinkState =
  | { ok: true; staffUserId: string; email: string; name: string }
  | { ok: false; reason: "invalidLink" | "expiredLink" | "usedLink" };

async function findLink(executor: Executor, kind: AccessLinkKind, token: string, forUpdate: boolean) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const query = executor
    .select({
      id: staffAccessLinks.id,
      staffUserId: staffAccessLinks.staffUserId,
      usedAt: staffAccessLinks.usedAt,
      supersededAt: staffAccessLinks.supersededAt,
      live: sql<boolean>`${staffAccessLinks.expiresAt} > now()`,
      email: staffUsers.email,
      name: staffUsers.name,
      boardId: staffUsers.boardId,
      disabledAt: staffUsers.disabledAt,
    })
    .from(staffAccessLinks)
    .innerJoin(staffUsers, eq(staffUsers.id, staffAccessLinks.staffUserId))
    .where(and(eq(staffAccessLinks.tokenHash, hashSecret(token, LINK_HASH_PURPOSE)), eq(staffAccessLinks.kind, kind)));
  const [row] = forUpdate ? await query.for("update", { of: staffAccessLinks }) : await query;
  return row ?? null;
}

function linkState(link: Awaited<ReturnType<typeof findLink>>): AccessLinkState {
  if (!link || link.disabledAt || link.supersededAt) return { ok: false, reason: "invalidLink" };
  if (link.usedAt) return { ok: false, reason: "usedLink" };
  if (!link.live) return { ok: false, reason: "expiredLink" };
  return { ok: true, staffUserId: link.staffUserId, email: link.email, name: link.name };
}

/** What the link page shows before the password is chosen. */
export async function accessLinkState(kind: AccessLinkKind, token: string): Promise<AccessLinkState> {
  return linkState(await findLink(db, kind, token, false));
}

/**
 * Sets the password chosen through a link, once: the link is marked used in the same transaction. A reset also
 * ends the account's sessions and clears its sign-in failures.
 */
export async function completeAccessLink(kind: AccessLinkKind, token: string, password: string): Promise<AccessLinkState> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const link = await findLink(tx, kind, token, true);
    const state = linkState(link);
    if (!state.ok || !link) return state;
    await tx.update(staffAccessLinks).set({ usedAt: sql`now()` }).where(and(eq(staffAccessLinks.id, link.id), isNull(staffAccessLinks.usedAt)));
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, link.staffUserId));
    let sessionsEnded = 0;
    if (kind === "password_reset") {
      sessionsEnded = await revokeStaffSessions(tx, link.staffUserId);
      await liftLockout(tx, "staff", link.email);
    }
    await recordAudit(tx, {
      actor: link.staffUserId,
      action: kind === "invitation" ? "staff.invitation_accepted" : "staff.password_reset_done",
      boardId: link.boardId,
      details: { staffId: link.staffUserId, email: link.email, ...(kind === "password_reset" ? { sessionsEnded } : {}) },
    });
    return state;
  });
}

/** Unused, unexpired links of a staff member (the detail page says whether an invitation is pending). */
export async function pendingAccessLink(staffId: string, kind: AccessLinkKind) {
  const [row] = await db
    .select({ expiresAt: staffAccessLinks.expiresAt, createdAt: staffAccessLinks.createdAt })
    .from(staffAccessLinks)
    .where(
      and(
        eq(staffAccessLinks.staffUserId, staffId),
        eq(staffAccessLinks.kind, kind),
        isNull(staffAccessLinks.usedAt),
        isNull(staffAccessLinks.supersededAt),
        gt(staffAccessLinks.expiresAt, sql`now()`),
      ),
    )
    .orderBy(sql`${staffAccessLinks.createdAt} desc`)
    .limit(1);
  return row ?? null;
}
