// Which password rule applies where a password is chosen. Accounts exist before any board is known, so:
// - a parent signing up: the board whose link they came from (/inscription?organisme=<code>), else the platform's;
// - a parent changing or resetting a password: the strictest rule among the boards of their children (active
//   associations) and the board they signed up from;
// - staff: their board's (a secretary's schools' boards too); platform admins: the platform's.
// The platform's rule (PASSWORD_MIN_LENGTH, PASSWORD_MIN_CLASSES) is a floor: a board only makes it stricter.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { associations, parentAccounts, schoolBoards, schools, staffSchools, staffUsers, students } from "@/db/schema";
import { env } from "@/lib/env";
import { withBoardRules, type PasswordPolicy } from "@/lib/password-policy";

export const platformPasswordPolicy: PasswordPolicy = {
  minLength: env.PASSWORD_MIN_LENGTH,
  minClasses: env.PASSWORD_MIN_CLASSES,
  maxLength: 128,
};

export type SignupBoard = { id: number; code: string; name: string };

/** A subscribed board named by a sign-up link's `organisme` (its code, any case), or null. */
export async function signupBoardByCode(code: string | undefined | null, executor: Executor = db): Promise<SignupBoard | null> {
  const cleaned = code?.trim().toLowerCase();
  if (!cleaned || cleaned.length > 40) return null;
  const [board] = await executor
    .select({ id: schoolBoards.id, code: schoolBoards.code, name: schoolBoards.name })
    .from(schoolBoards)
    .where(and(eq(sql`lower(${schoolBoards.code})`, cleaned), eq(schoolBoards.subscribed, true)));
  return board ?? null;
}

async function rulesOfBoards(executor: Executor, where: ReturnType<typeof or>): Promise<number[]> {
  const rows = await executor.select({ minClasses: schoolBoards.passwordMinClasses }).from(schoolBoards).where(where);
  return rows.map((row) => row.minClasses);
}

/** The rule of one board (a sign-up from its link), or the platform's without a board. */
export async function passwordPolicyForBoard(boardId: number | null, executor: Executor = db): Promise<PasswordPolicy> {
  if (boardId === null) return platformPasswordPolicy;
  return withBoardRules(platformPasswordPolicy, await rulesOfBoards(executor, eq(schoolBoards.id, boardId)));
}

/** The strictest rule among the boards of the parent's children and the board they signed up from. */
export async function passwordPolicyForParent(parentAccountId: string, executor: Executor = db): Promise<PasswordPolicy> {
  const childrenBoards = executor
    .select({ boardId: students.boardId })
    .from(associations)
    .innerJoin(students, eq(students.id, associations.studentId))
    .where(and(eq(associations.parentAccountId, parentAccountId), isNull(associations.revokedAt)));
  const signupBoard = executor
    .select({ boardId: parentAccounts.signupBoardId })
    .from(parentAccounts)
    .where(eq(parentAccounts.id, parentAccountId));
  const rules = await rulesOfBoards(executor, or(inArray(schoolBoards.id, childrenBoards), inArray(schoolBoards.id, signupBoard)));
  return withBoardRules(platformPasswordPolicy, rules);
}

/** The same for the account of an address (a reset, once its code is verified); the platform's without one. */
export async function passwordPolicyForParentEmail(email: string, executor: Executor = db): Promise<PasswordPolicy> {
  const [account] = await executor.select({ id: parentAccounts.id }).from(parentAccounts).where(eq(parentAccounts.email, email));
  return account ? passwordPolicyForParent(account.id, executor) : platformPasswordPolicy;
}

/** A staff member's board's rule (a secretary's schools' boards included); platform admins get the platform's. */
export async function passwordPolicyForStaff(staffUserId: string, executor: Executor = db): Promise<PasswordPolicy> {
  const [staff] = await executor
    .select({ role: staffUsers.role, boardId: staffUsers.boardId })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffUserId));
  if (!staff || staff.role === "admin") return platformPasswordPolicy;
  const schoolBoardIds = executor
    .select({ boardId: schools.boardId })
    .from(staffSchools)
    .innerJoin(schools, eq(schools.id, staffSchools.schoolId))
    .where(eq(staffSchools.staffUserId, staffUserId));
  const rules = await rulesOfBoards(executor, or(eq(schoolBoards.id, staff.boardId ?? -1), inArray(schoolBoards.id, schoolBoardIds)));
  return withBoardRules(platformPasswordPolicy, rules);
}

/** The last step of a sign-up (its link's board) or of a reset (the account's boards). */
export async function passwordPolicyForFlow(flow: { purpose: "signup" | "reset"; email: string; boardId: number | null }): Promise<PasswordPolicy> {
  return flow.purpose === "signup" ? passwordPolicyForBoard(flow.boardId) : passwordPolicyForParentEmail(flow.email);
}
