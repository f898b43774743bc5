// Who may import student records into which board: platform admins anywhere, board support into their own board.
// A privacy officer has a board scope too, but only to read: the role is checked as well as the scope.
import type { StaffRole } from "@/db/schema";
import { mayImportRecords } from "@/lib/auth/permissions";
import type { StaffScope } from "@/lib/auth/scope";

/** `boardId` null means every board the file names, which only a platform admin may do. */
export function canImportInto(scope: StaffScope, boardId: number | null): boolean {
  if (scope.kind === "all") return true;
  return scope.kind === "board" && boardId !== null && scope.boardId === boardId;
}

/** Whether a staff member sees an import run (and its history): the same rule as importing. */
export function canSeeImportRun(scope: StaffScope, run: { boardId: number | null }): boolean {
  return canImportInto(scope, run.boardId);
}

export function mayImportAtAll(scope: StaffScope): boolean {
  return scope.kind === "all" || scope.kind === "board";
}

/** The role half of the rule: null (unknown or disabled staff) may not. */
export function mayImportAs(role: StaffRole | null): boolean {
  return role !== null && mayImportRecords(role);
}
