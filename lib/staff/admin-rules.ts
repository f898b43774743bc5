// Who may manage which staff accounts, and which assignments they may give: no privilege escalation.
// - Platform admins manage every staff account and may give any role.
// - Board support manage the secretaries, board support and privacy officers of their own board only, and
//   may give those roles within their board; never an admin, never another board.
// - Nobody changes their own role or schools, or deactivates themselves (another admin must do it).
// - At least one active admin always remains (checked by the caller under a lock, and by a database trigger).
import type { StaffRole } from "@/db/schema";

export type StaffActor = { id: string; role: StaffRole; boardId: number | null };
export type ManagedStaff = { id: string; role: StaffRole; boardId: number | null };

/** role + board + schools, with each school's board resolved by the caller. */
export type Assignment = {
  role: StaffRole;
  boardId: number | null;
  schools: { id: number; boardId: number }[];
};

export type AdminRefusal =
  | "notAllowed"
  | "notFound"
  | "ownAccount"
  | "roleNotAllowed"
  | "otherBoard"
  | "schoolsRequired"
  | "schoolsOfOneBoard"
  | "boardRequired"
  | "lastAdmin";

export const boardRoles: readonly StaffRole[] = ["board_support", "privacy_officer"];

/** Whether the staff member may open staff administration at all. */
export function canAdministerStaff(actor: Pick<StaffActor, "role">): boolean {
  return actor.role === "admin" || actor.role === "board_support";
}

/** Whether the actor may see and manage this staff account (their own is visible, see ownAccount rules). */
export function managesStaff(actor: StaffActor, target: ManagedStaff): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "board_support" || actor.boardId === null) return false;
  return target.role !== "admin" && target.boardId === actor.boardId;
}

/** The roles the actor may give. */
export function assignableRoles(actor: Pick<StaffActor, "role">): StaffRole[] {
  if (actor.role === "admin") return ["secretary", "board_support", "privacy_officer", "admin"];
  if (actor.role === "board_support") return ["secretary", "board_support", "privacy_officer"];
  return [];
}

/** The board an assignment places the staff member in (null for admins). */
export function boardOfAssignment(assignment: Assignment): number | null {
  if (assignment.role === "admin") return null;
  if (assignment.role === "secretary") return assignment.schools[0]?.boardId ?? null;
  return assignment.boardId;
}

/** Why the actor may not give this assignment (to a new or existing staff member), or null. */
export function assignmentRefusal(actor: StaffActor, assignment: Assignment): AdminRefusal | null {
  if (!canAdministerStaff(actor)) return "notAllowed";
  if (!assignableRoles(actor).includes(assignment.role)) return "roleNotAllowed";
  if (assignment.role === "secretary") {
    if (assignment.schools.length === 0) return "schoolsRequired";
    const boards = new Set(assignment.schools.map((s) => s.boardId));
    if (boards.size > 1) return "schoolsOfOneBoard";
  } else if (boardRoles.includes(assignment.role) && assignment.boardId === null) {
    return "boardRequired";
  }
  const board = boardOfAssignment(assignment);
  if (actor.role === "board_support" && board !== actor.boardId) return "otherBoard";
  return null;
}

/** Why the actor may not change this staff member's role or schools to the assignment, or null. */
export function changeRefusal(actor: StaffActor, target: ManagedStaff, assignment: Assignment): AdminRefusal | null {
  if (!canAdministerStaff(actor)) return "notAllowed";
  if (!managesStaff(actor, target)) return "notFound";
  if (target.id === actor.id) return "ownAccount";
  return assignmentRefusal(actor, assignment);
}

/** Why the actor may not deactivate, reactivate, reset or unlock this staff member, or null. */
export function accountActionRefusal(actor: StaffActor, target: ManagedStaff, options: { self?: "allowed" | "refused" } = {}): AdminRefusal | null {
  if (!canAdministerStaff(actor)) return "notAllowed";
  if (!managesStaff(actor, target)) return "notFound";
  if (target.id === actor.id && options.self !== "allowed") return "ownAccount";
  return null;
}

/** Whether this staff member must use a second factor. */
export function mfaRequiredFor(staff: { role: StaffRole }, boardRequiresForSecretaries: boolean): boolean {
  return staff.role === "secretary" ? boardRequiresForSecretaries : true;
}
