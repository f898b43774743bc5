// The schools and boards a staff member works in: for filters, headers and the dashboard.
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { schoolBoards, schools } from "@/db/schema";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";

export type ScopeSchool = { id: number; name: string; boardId: number; boardName: string };

export async function schoolsInScope(scope: StaffScope): Promise<ScopeSchool[]> {
  return db
    .select({ id: schools.id, name: schools.name, boardId: schools.boardId, boardName: schoolBoards.name })
    .from(schools)
    .innerJoin(schoolBoards, eq(schoolBoards.id, schools.boardId))
    .where(scopeFilter(scope, { boardId: schools.boardId, schoolId: schools.id }))
    .orderBy(asc(schoolBoards.name), asc(schools.name));
}

/** Name of the board a board-support scope covers; null for other scopes. */
export async function boardNameOfScope(scope: StaffScope): Promise<string | null> {
  if (scope.kind !== "board") return null;
  const [board] = await db.select({ name: schoolBoards.name }).from(schoolBoards).where(eq(schoolBoards.id, scope.boardId));
  return board?.name ?? null;
}
