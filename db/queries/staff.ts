// Staff accounts and the scope each one works in.
import { eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { schools, staffSchools, staffUsers, type StaffRole } from "@/db/schema";
import { readStaffSession, staffMfaState } from "@/db/queries/staff-security";
import { scopeOf, type StaffScope } from "@/lib/auth/scope";
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

/** The staff member and their scope, read fresh on every request so a change of assignment applies at once. */
export async function loadStaffContext(staffUserId: string, sessionId: string | null = null): Promise<StaffContext | null> {
  const [staff] = await db.select().from(staffUsers).where(eq(staffUsers.id, staffUserId));
  if (!staff || staff.disabledAt) return null;
  const assigned = await db
    .select({ id: schools.id, name: schools.name })
    .from(staffSchools)
    .innerJoin(schools, eq(schools.id, staffSchools.schoolId))
    .where(eq(staffSchools.staffUserId, staff.id));
  return {
    staff: { id: staff.id, email: staff.email, name: staff.name, role: staff.role, boardId: staff.boardId },
    scope: scopeOf(staff, assigned.map((s) => s.id)),
    schoolNames: assigned.map((s) => s.name),
    session: await readStaffSession(sessionId, staff.id),
    mfa: await staffMfaState(staff.id),
  };
}

/** A staff member's current role, read from the database inside a change (null when unknown or disabled). */
export async function activeStaffRole(executor: Executor, staffUserId: string): Promise<StaffRole | null> {
  const [row] = await executor
    .select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffUserId));
  return row && !row.disabledAt ? row.role : null;
}
