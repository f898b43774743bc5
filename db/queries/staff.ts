// Staff accounts and the scope each one works in.
import { eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { authSessions, schoolBoards, schools, staffPasskeys, staffSchools, staffUsers, type StaffRole } from "@/db/schema";
import { idleCutoff, keepSessionAlive, preparedPerDatabase, sessionLimits, type SessionLimits } from "@/db/queries/auth";
import { scopeOf, type StaffScope } from "@/lib/auth/scope";
import { mfaRequiredFor } from "@/lib/staff/admin-rules";
import type { StaffMfaState, StaffSessionState } from "@/lib/staff/second-factor";

export async function findStaffByEmail(email: string) {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.email, email));
  return row ?? null;
}

export type StaffContext = {
  staff: { id: string; email: string; name: string; role: (typeof staffUsers.$inferSelect)["role"]; boardId: number | null };
  scope: StaffScope;
  schoolNames: string[];
  /** The signed-in session's second-factor state (null outside a request, e.g. in tests). */
  session: StaffSessionState | null;
  mfa: StaffMfaState;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SessionFields = { id: string; secondFactorAt: string | null; secondFactorMethod: string | null; lastSeenAt: string; open: boolean };

/**
 * The staff member, their schools, their second factors and, given a session id, that session (not revoked, this
 * member's) in one statement: every back-office request needs all of it, and it was five round trips. Prepared once
 * per database handle, like the parent's session check: a prepared statement is parsed and planned once per
 * connection and sent in one round trip. Placeholders: staffUserId, sessionId (null: no session), idleCutoff.
 */
const staffContextRead = preparedPerDatabase((database) =>
  database
    .select({
      staff: staffUsers,
      secretaryMfaRequired: schoolBoards.secretaryMfaRequired,
      passkeys: sql<number>`(select count(*)::int from ${staffPasskeys} where ${staffPasskeys.staffUserId} = ${staffUsers.id})`,
      schools: sql<{ id: number; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', ${schools.id}, 'name', ${schools.name}) order by ${schools.id})
        from ${staffSchools} join ${schools} on ${schools.id} = ${staffSchools.schoolId}
        where ${staffSchools.staffUserId} = ${staffUsers.id}), '[]'::json)`,
      session: sql<SessionFields | null>`(
        select json_build_object('id', ${authSessions.id}, 'secondFactorAt', ${authSessions.secondFactorAt},
          'secondFactorMethod', ${authSessions.secondFactorMethod}, 'lastSeenAt', ${authSessions.lastSeenAt},
          'open', ${authSessions.lastSeenAt} > ${sql.placeholder("idleCutoff")}::timestamptz and ${authSessions.expiresAt} > now())
        from ${authSessions}
        where ${authSessions.id} = ${sql.placeholder("sessionId")}::uuid and ${authSessions.staffUserId} = ${staffUsers.id}
          and ${authSessions.revokedAt} is null)`,
    })
    .from(staffUsers)
    .leftJoin(schoolBoards, eq(schoolBoards.id, staffUsers.boardId))
    .where(eq(staffUsers.id, sql.placeholder("staffUserId")))
    .prepare("read_staff_context"),
);

async function readStaffContext(staffUserId: string, sessionId: string | null, limits: SessionLimits) {
  const session = sessionId && UUID.test(sessionId) ? sessionId : null;
  const [row] = await staffContextRead().execute({ staffUserId, sessionId: session, idleCutoff: idleCutoff(new Date(), limits).toISOString() });
  if (!row || row.staff.disabledAt) return null;
  const { staff } = row;
  const context: StaffContext = {
    staff: { id: staff.id, email: staff.email, name: staff.name, role: staff.role, boardId: staff.boardId },
    scope: scopeOf(staff, row.schools.map((s) => s.id)),
    schoolNames: row.schools.map((s) => s.name),
    session: row.session
      ? {
          id: row.session.id,
          secondFactorAt: row.session.secondFactorAt ? new Date(row.session.secondFactorAt) : null,
          secondFactorMethod: row.session.secondFactorMethod,
        }
      : null,
    mfa: {
      required: mfaRequiredFor(staff, row.secretaryMfaRequired ?? false),
      totp: staff.totpEnabledAt !== null,
      passkeys: row.passkeys,
    },
  };
  return { context, session: row.session };
}

/** The staff member and their scope, read fresh on every request so a change of assignment applies at once. */
export async function loadStaffContext(staffUserId: string, sessionId: string | null = null): Promise<StaffContext | null> {
  return (await readStaffContext(staffUserId, sessionId, sessionLimits))?.context ?? null;
}

/**
 * A back-office request's session check and staff context together: null when the session has ended (revoked,
 * idle too long, past its absolute end) or the member is disabled. Keeps the session alive like touchSession.
 */
export async function openStaffSession(sessionId: string, staffUserId: string, limits: SessionLimits = sessionLimits): Promise<StaffContext | null> {
  const read = await readStaffContext(staffUserId, sessionId, limits);
  if (!read?.session?.open) return null;
  await keepSessionAlive(sessionId, new Date(read.session.lastSeenAt), new Date());
  return read.context;
}

/** A staff member's current role, read from the database inside a change (null when unknown or disabled). */
export async function activeStaffRole(executor: Executor, staffUserId: string): Promise<StaffRole | null> {
  const [row] = await executor
    .select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffUserId));
  return row && !row.disabledAt ? row.role : null;
}
