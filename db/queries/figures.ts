// How the portal is doing, per board (admins, all boards) or per school (one board, or a secretary's schools), over
// a period of calendar days in the schools' time zone, read from per-day totals the database keeps on write
// (daily_figures and its neighbours in db/schema.ts, kept by the triggers of migration 0021) rather than from the
// rows they count, so a period of the whole province is a few thousand small rows; the retention purge and account
// deletions never lower them. Units are the school and board of the student when the row was written.
// - accounts created: parent accounts created in the period whose email is (or was) a guardian email on a record
//   of the unit (an account counts once per unit, and once in the total however many units it touches);
// - children associated: distinct students of the unit with an association created in the period (revoked since
//   or not: it happened), each counted once over the period, at its first association day in it;
// - attempts and successful attempts: an attempt counts under its candidate student's school; one that found no
//   student belongs to the board the parent chose and to no school; a re-submission of a child already associated
//   with the account is neither a success nor a failure: counted apart, outside the rate;
// - the most frequent blocking failure reasons of the refused attempts;
// - NIPs issued in the period for students of the unit.
import { and, asc, countDistinct, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { dailyChildren, dailyFailureReasons, dailyFigures, figuresAccountUnits, schoolBoards, schools } from "@/db/schema";
import { reasonBlocks } from "@/lib/association/reasons";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import type { FiguresPeriod } from "@/lib/validations/figures";

export type FigureCounts = {
  accountsCreated: number;
  childrenAssociated: number;
  /** Attempts that associated a child or were refused (the success rate's denominator). */
  attempts: number;
  successfulAttempts: number;
  /** Re-submissions of a child already associated with the account: not in `attempts`. */
  alreadyAssociatedAttempts: number;
  nipsIssued: number;
};

export type FiguresUnit = FigureCounts & {
  /** "board:12", "school:34", or "board:12:none" for attempts that found no student. */
  key: string;
  boardId: number;
  boardName: string;
  schoolId: number | null;
  schoolName: string | null;
};

export type FailureReasonCount = { code: string; attempts: number };

export type Figures = {
  period: FiguresPeriod;
  /** "boards": one row per board (admins without a chosen board); "schools": one row per school. */
  level: "boards" | "schools";
  /** The board the rows are narrowed to, when an admin chose one. */
  boardId: number | null;
  totals: FigureCounts;
  units: FiguresUnit[];
  topFailureReasons: FailureReasonCount[];
};

export const TOP_FAILURE_REASONS = 8;

/** Every count at zero: a unit with nothing in the period. */
export const zeroCounts = (): FigureCounts => ({
  accountsCreated: 0,
  childrenAssociated: 0,
  attempts: 0,
  successfulAttempts: 0,
  alreadyAssociatedAttempts: 0,
  nipsIssued: 0,
});

/** Success rate in [0, 1], or null when there was no attempt. */
export function successRate(counts: Pick<FigureCounts, "attempts" | "successfulAttempts">): number | null {
  return counts.attempts === 0 ? null : counts.successfulAttempts / counts.attempts;
}

/** An admin who picks a board sees it as that board's support would. */
function narrowed(scope: StaffScope, boardId?: number | null): StaffScope {
  return scope.kind === "all" && boardId ? { kind: "board", boardId } : scope;
}


type Counts = { attempts: number; successfulAttempts: number; alreadyAssociatedAttempts: number; nipsIssued: number; accountsCreated: number };

export async function figuresForStaff(
  scope: StaffScope,
  period: FiguresPeriod,
  options: { boardId?: number | null } = {},
): Promise<Figures> {
  const view = narrowed(scope, options.boardId);
  const level = view.kind === "all" ? "boards" : "schools";
  const inPeriod = (t: { day: AnyPgColumn }) => and(gte(t.day, period.from), lte(t.day, period.to));

  // Which per-day rows make up the view (see daily_figures in db/schema.ts): the province reads its boards' rows
  // (school 0), board 0's attempts that found no student and the province row (accounts counted once in it); a
  // board reads its own rows, the board row (school 0) holding its totals; a secretary, her schools' rows.
  const rowsOf = (t: { boardId: AnyPgColumn; schoolId: AnyPgColumn }): SQL =>
    view.kind === "all"
      ? and(inArray(t.schoolId, [0, -1]), sql`(${t.schoolId} = 0 or ${t.boardId} = 0)`)!
      : view.kind === "board"
        ? eq(t.boardId, view.boardId)
        : view.schoolIds.length > 0
          ? inArray(t.schoolId, view.schoolIds)
          : sql`false`;

  const [figureRows, childrenRows, reasonRows, units] = await Promise.all([
    db
      .select({
        boardId: dailyFigures.boardId,
        schoolId: dailyFigures.schoolId,
        accountsCreated: sql<number>`sum(${dailyFigures.accountsCreated})`.mapWith(Number),
        attempts: sql<number>`sum(${dailyFigures.attempts})`.mapWith(Number),
        successfulAttempts: sql<number>`sum(${dailyFigures.successfulAttempts})`.mapWith(Number),
        alreadyAssociatedAttempts: sql<number>`sum(${dailyFigures.alreadyAssociatedAttempts})`.mapWith(Number),
        nipsIssued: sql<number>`sum(${dailyFigures.nipsIssued})`.mapWith(Number),
      })
      .from(dailyFigures)
      .where(and(inPeriod(dailyFigures), rowsOf(dailyFigures)))
      .groupBy(dailyFigures.boardId, dailyFigures.schoolId),
    // A child counts once over the period: at its first association day in it (previous day before the period).
    db
      .select({
        boardId: dailyChildren.boardId,
        schoolId: dailyChildren.schoolId,
        n: sql<number>`sum(${dailyChildren.children})`.mapWith(Number),
      })
      .from(dailyChildren)
      .where(and(inPeriod(dailyChildren), lt(dailyChildren.previousDay, period.from), rowsOf(dailyChildren)))
      .groupBy(dailyChildren.boardId, dailyChildren.schoolId),
    db
      .select({
        code: dailyFailureReasons.code,
        kind: dailyFailureReasons.kind,
        n: sql<number>`sum(${dailyFailureReasons.attempts})`.mapWith(Number),
      })
      .from(dailyFailureReasons)
      .where(
        and(
          inPeriod(dailyFailureReasons),
          // The province's reasons are on its own rows, a board's on its board rows; a secretary's, her schools'.
          view.kind === "all"
            ? and(eq(dailyFailureReasons.boardId, 0), eq(dailyFailureReasons.schoolId, 0))
            : view.kind === "board"
              ? and(eq(dailyFailureReasons.boardId, view.boardId), eq(dailyFailureReasons.schoolId, 0))
              : rowsOf(dailyFailureReasons),
        ),
      )
      .groupBy(dailyFailureReasons.code, dailyFailureReasons.kind),
    unitsOf(view, level),
  ]);

  const byKey = new Map(units.map((u) => [u.key, u]));
  const totals = zeroCounts();
  const addTo = (target: FigureCounts, row: Counts, withAccounts: boolean) => {
    target.attempts += row.attempts;
    target.successfulAttempts += row.successfulAttempts;
    target.alreadyAssociatedAttempts += row.alreadyAssociatedAttempts;
    target.nipsIssued += row.nipsIssued;
    if (withAccounts) target.accountsCreated += row.accountsCreated;
  };
  /** The unit of attempts that found no student, under the board the parent chose (school level only). */
  const noStudentUnit = async (boardId: number) => {
    const key = `board:${boardId}:none`;
    let unit = byKey.get(key);
    if (!unit) {
      const boardName = units.find((u) => u.boardId === boardId)?.boardName ?? (await boardNameOf(boardId));
      unit = { key, boardId, boardName, schoolId: null, schoolName: null, ...zeroCounts() };
      byKey.set(key, unit);
      units.push(unit);
    }
    return unit;
  };

  for (const row of figureRows) {
    if (view.kind === "all") {
      if (row.boardId === 0 && row.schoolId === 0) totals.accountsCreated += row.accountsCreated;
      else addTo(totals, row, false);
      const unit = row.schoolId === 0 ? byKey.get(`board:${row.boardId}`) : undefined;
      if (unit) addTo(unit, row, true);
    } else if (view.kind === "board") {
      if (row.schoolId === 0) addTo(totals, row, true);
      else if (row.schoolId === -1) {
        if (row.attempts + row.alreadyAssociatedAttempts > 0) addTo(await noStudentUnit(row.boardId), row, false);
      } else {
        const unit = byKey.get(`school:${row.schoolId}`);
        if (unit) addTo(unit, row, true);
      }
    } else {
      addTo(totals, row, true);
      const unit = byKey.get(`school:${row.schoolId}`);
      if (unit) addTo(unit, row, true);
    }
  }
  // A secretary of several schools: an account on records of two of them counts once in her total.
  if (view.kind === "schools" && view.schoolIds.length > 1) totals.accountsCreated = await accountsAcross(view.schoolIds, period);

  for (const row of childrenRows) {
    const atBoardLevel = row.schoolId === 0;
    if (view.kind === "all" ? atBoardLevel : view.kind === "board" ? atBoardLevel : true) totals.childrenAssociated += row.n;
    const unit =
      view.kind === "all" ? (atBoardLevel ? byKey.get(`board:${row.boardId}`) : undefined) : byKey.get(`school:${row.schoolId}`);
    if (unit) unit.childrenAssociated += row.n;
  }

  return {
    period,
    level,
    boardId: view.kind === "board" ? view.boardId : null,
    totals,
    units,
    topFailureReasons: topBlockingReasons(reasonRows.map((r) => ({ code: r.code, kind: r.kind || null, n: r.n }))),
  };
}

/** Accounts created in the period and counted in any of these schools, each once. */
async function accountsAcross(schoolIds: number[], period: FiguresPeriod): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(figuresAccountUnits.accountId) })
    .from(figuresAccountUnits)
    .where(
      and(
        inArray(figuresAccountUnits.schoolId, schoolIds),
        gte(figuresAccountUnits.day, period.from),
        lte(figuresAccountUnits.day, period.to),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Blocking findings only (a tolerated accent difference is not why an attempt failed), summed per code. */
function topBlockingReasons(rows: { code: string; kind: string | null; n: number }[]): FailureReasonCount[] {
  const byCode = new Map<string, number>();
  for (const row of rows) {
    if (!row.code || !reasonBlocks({ code: row.code, kind: row.kind ?? undefined })) continue;
    byCode.set(row.code, (byCode.get(row.code) ?? 0) + Number(row.n));
  }
  return [...byCode.entries()]
    .map(([code, attempts]) => ({ code, attempts }))
    .sort((a, b) => b.attempts - a.attempts || a.code.localeCompare(b.code))
    .slice(0, TOP_FAILURE_REASONS);
}

async function boardNameOf(boardId: number): Promise<string> {
  const [row] = await db.select({ name: schoolBoards.name }).from(schoolBoards).where(eq(schoolBoards.id, boardId));
  return row?.name ?? "";
}

/** Every unit of the view, with zeros, so a school where nothing happened still shows. */
async function unitsOf(view: StaffScope, level: "boards" | "schools"): Promise<FiguresUnit[]> {
  if (level === "boards") {
    const boards = await db
      .select({ id: schoolBoards.id, name: schoolBoards.name })
      .from(schoolBoards)
      .orderBy(asc(schoolBoards.name), asc(schoolBoards.id));
    return boards.map((b) => ({ key: `board:${b.id}`, boardId: b.id, boardName: b.name, schoolId: null, schoolName: null, ...zeroCounts() }));
  }
  const rows = await db
    .select({ id: schools.id, name: schools.name, boardId: schools.boardId, boardName: schoolBoards.name })
    .from(schools)
    .innerJoin(schoolBoards, eq(schoolBoards.id, schools.boardId))
    .where(scopeFilter(view, { boardId: schools.boardId, schoolId: schools.id }))
    .orderBy(asc(schoolBoards.name), asc(schools.name), asc(schools.id));
  return rows.map((s) => ({
    key: `school:${s.id}`,
    boardId: s.boardId,
    boardName: s.boardName,
    schoolId: s.id,
    schoolName: s.name,
    ...zeroCounts(),
  }));
}

/** Boards an admin may narrow the figures to. */
export async function boardOptions(): Promise<{ id: number; name: string }[]> {
  return db.select({ id: schoolBoards.id, name: schoolBoards.name }).from(schoolBoards).orderBy(asc(schoolBoards.name), asc(schoolBoards.id));
}
