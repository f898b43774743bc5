// What part of the data a staff member may see: all boards (admin), one board (board support),
// or some schools (secretary). Every staff query takes a StaffScope and filters with `scopeFilter`.
import { inArray, sql, type SQL, type Column } from "drizzle-orm";
import type { StaffRole } from "@/db/schema";

export type StaffScope =
  | { kind: "all" }
  | { kind: "board"; boardId: number }
  | { kind: "schools"; schoolIds: number[] };

export function scopeOf(staff: { role: StaffRole; boardId: number | null }, schoolIds: number[]): StaffScope {
  if (staff.role === "admin") return { kind: "all" };
  if ((staff.role === "board_support" || staff.role === "privacy_officer") && staff.boardId !== null) {
    return { kind: "board", boardId: staff.boardId };
  }
  return { kind: "schools", schoolIds };
}

/** SQL condition restricting rows with a board and a school column to the scope. */
export function scopeFilter(scope: StaffScope, columns: { boardId: Column | SQL; schoolId: Column }): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "board":
      return sql`${columns.boardId} = ${scope.boardId}`;
    case "schools":
      return scope.schoolIds.length > 0 ? inArray(columns.schoolId, scope.schoolIds) : sql`false`;
  }
}

/** The same rule on a loaded row. */
export function inScope(scope: StaffScope, row: { boardId: number; schoolId: number }): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "board":
      return row.boardId === scope.boardId;
    case "schools":
      return scope.schoolIds.includes(row.schoolId);
  }
}

/** Boards the scope reaches at all (null = every board); used to scope board-level lists. */
export function boardOfScope(scope: StaffScope): number | null {
  return scope.kind === "board" ? scope.boardId : null;
}
