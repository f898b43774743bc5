// The schools and boards a staff member works in: for the school pickers of the filters, headers and the dashboard.
// A platform admin's scope holds every school of the province, so pickers never receive the whole list: they ask
// for the few schools matching what was typed (findSchoolsInScope) and name the one already chosen (schoolInScope).
import { and, asc, count, eq, inArray, sql, type Column, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { schoolBoards, schools } from "@/db/schema";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { foldForSearch } from "@/lib/names";

export type ScopeSchool = { id: number; name: string; boardId: number; boardName: string };

/** How many schools a picker may offer at once: enough to scan, few enough to send on each keystroke. */
export const SCHOOL_MATCHES_LIMIT = 15;

const fields = { id: schools.id, name: schools.name, boardId: schools.boardId, boardName: schoolBoards.name };

function inScope(scope: StaffScope): SQL {
  return scopeFilter(scope, { boardId: schools.boardId, schoolId: schools.id });
}

/** The board of one school, as a scalar subquery. */
export function boardOfSchool(schoolId: number): SQL {
  return sql`(select ${schools.boardId} from ${schools} where ${eq(schools.id, schoolId)})`;
}

/** The boards of some schools, as an array subquery (empty for none). */
export function boardsOfSchools(schoolIds: number[]): SQL {
  return sql`array(select ${schools.boardId} from ${schools} where ${inArray(schools.id, schoolIds.length > 0 ? schoolIds : [-1])})`;
}

/**
 * A table's own board column narrowed to the boards the scope reaches (undefined for the province), so an index that
 * starts with that board is read within them. A secretary's one school is an equality, which the planner estimates
 * as one board's share; several schools, any of their boards. Rows of a board are not yet rows of its schools: the
 * caller still applies the scope to the row's school.
 */
export function boardColumnInScope(column: Column, scope: StaffScope): SQL | undefined {
  if (scope.kind === "all") return undefined;
  if (scope.kind === "board") return eq(column, scope.boardId);
  if (scope.schoolIds.length === 1) return sql`${column} = ${boardOfSchool(scope.schoolIds[0]!)}`;
  return sql`${column} = any(${boardsOfSchools(scope.schoolIds)})`;
}

/** Folds accents, case, hyphens and apostrophes in SQL as foldForSearch does in the app. */
function folded(expression: SQL | Column): SQL {
  return sql`translate(lower(${expression}), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ''’-', 'aaaaaaceeeeiiiinooooouuuuyy   ')`;
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Schools of the scope whose name (or, for a platform admin, board name) holds every word typed, in any order,
 * without accents or case; the school code also matches exactly. By board, then school name; at most `limit`.
 */
export async function findSchoolsInScope(scope: StaffScope, typed: string, limit = SCHOOL_MATCHES_LIMIT): Promise<ScopeSchool[]> {
  const words = foldForSearch(typed.slice(0, 100)).split(" ").filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  const haystack = scope.kind === "all" ? sql`${folded(schools.name)} || ' ' || ${folded(schoolBoards.name)}` : folded(schools.name);
  const everyWord = and(...words.map((word) => sql`${haystack} like ${`%${escapeLike(word)}%`}`))!;
  const byCode = words.length === 1 ? sql`${schools.code} = ${words[0]}` : sql`false`;
  return db
    .select(fields)
    .from(schools)
    .innerJoin(schoolBoards, eq(schoolBoards.id, schools.boardId))
    .where(and(inScope(scope), sql`(${everyWord} or ${byCode})`))
    .orderBy(asc(schoolBoards.name), asc(schools.name), asc(schools.id))
    .limit(limit);
}

/** Every school of the scope, by board and name: for short lists only (a board's or a secretary's schools). */
export async function schoolsInScope(scope: StaffScope): Promise<ScopeSchool[]> {
  return db
    .select(fields)
    .from(schools)
    .innerJoin(schoolBoards, eq(schoolBoards.id, schools.boardId))
    .where(inScope(scope))
    .orderBy(asc(schoolBoards.name), asc(schools.name));
}

/** The chosen school when it is in the scope, for the picker to show it; null otherwise. */
export async function schoolInScope(scope: StaffScope, schoolId: number | null | undefined): Promise<ScopeSchool | null> {
  if (!schoolId) return null;
  const [school] = await db
    .select(fields)
    .from(schools)
    .innerJoin(schoolBoards, eq(schoolBoards.id, schools.boardId))
    .where(and(eq(schools.id, schoolId), inScope(scope)));
  return school ?? null;
}

/** How many schools the scope holds (a picker is offered from two). */
export async function schoolCountInScope(scope: StaffScope): Promise<number> {
  if (scope.kind === "schools") return scope.schoolIds.length;
  const [row] = await db.select({ n: count() }).from(schools).where(inScope(scope));
  return row?.n ?? 0;
}

/** Name of the board a board-support scope covers; null for other scopes. */
export async function boardNameOfScope(scope: StaffScope): Promise<string | null> {
  if (scope.kind !== "board") return null;
  const [board] = await db.select({ name: schoolBoards.name }).from(schoolBoards).where(eq(schoolBoards.id, scope.boardId));
  return board?.name ?? null;
}
