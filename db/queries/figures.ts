// How the portal is doing, per board (admins, all boards) or per school (one board, or a secretary's schools), over
// a period of calendar days in the schools' time zone:
// - accounts created: parent accounts created in the period whose email is a guardian email on a record of the
//   unit (an account counts once per unit, and once in the total however many units it touches);
// - children associated: distinct students of the unit with an association created in the period (revoked since
//   or not: it happened);
// - attempts and successful attempts, read through the attempts' own scope rule (attemptScopeFilter); an attempt
//   that found no student belongs to the board the parent chose and to no school; a re-submission of a child
//   already associated with the account is neither a success nor a failure: counted apart, outside the rate;
// - the most frequent blocking failure reasons of the failed attempts;
// - NIPs issued in the period for students of the unit.
import { and, asc, count, countDistinct, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { attemptScopeFilter, refusedAttempt } from "@/db/queries/attempts";
import {
  associationAttempts,
  associations,
  guardianEmails,
  nips,
  parentAccounts,
  purgedAttemptTotals,
  schoolBoards,
  schools,
  students,
} from "@/db/schema";
import { reasonBlocks } from "@/lib/association/reasons";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { withinLocalDays } from "@/lib/sql-local-day";
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

const zero = (): FigureCounts => ({
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

function studentScope(scope: StaffScope): SQL {
  return scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId });
}

type Grouped = { unit: number | null; n: number };

export async function figuresForStaff(
  scope: StaffScope,
  period: FiguresPeriod,
  options: { boardId?: number | null } = {},
): Promise<Figures> {
  const view = narrowed(scope, options.boardId);
  const level = view.kind === "all" ? "boards" : "schools";
  const unitOf = level === "boards" ? students.boardId : students.schoolId;
  const inPeriod = (column: Parameters<typeof withinLocalDays>[0]) => withinLocalDays(column, period.from, period.to);

  // Each count is read once per unit and once for the whole view (GROUPING SETS): the total is not the sum of the
  // units, since an account or a child can count in several. The total row is the one whose unit is grouped away.
  const perUnitAndTotal = sql`grouping sets ((${unitOf}), ())`;
  const isTotal = sql<number>`grouping(${unitOf})`.mapWith(Number);
  // Accounts: joined to the students whose records list their email.
  const accountsQuery = db
    .select({ unit: sql<number>`${unitOf}`, total: isTotal, n: countDistinct(parentAccounts.id) })
    .from(parentAccounts)
    .innerJoin(guardianEmails, eq(guardianEmails.email, parentAccounts.email))
    .innerJoin(students, eq(students.id, guardianEmails.studentId))
    .where(and(inPeriod(parentAccounts.createdAt), studentScope(view)))
    .groupBy(perUnitAndTotal);
  const childrenQuery = db
    .select({ unit: sql<number>`${unitOf}`, total: isTotal, n: countDistinct(associations.studentId) })
    .from(associations)
    .innerJoin(students, eq(students.id, associations.studentId))
    .where(and(inPeriod(associations.createdAt), studentScope(view)))
    .groupBy(perUnitAndTotal);
  const nipsQuery = db
    .select({ unit: sql<number>`${unitOf}`, n: count() })
    .from(nips)
    .innerJoin(students, eq(students.id, nips.studentId))
    .where(and(inPeriod(nips.createdAt), studentScope(view)))
    .groupBy(unitOf);
  const attemptUnit =
    level === "boards" ? sql<number | null>`coalesce(${students.boardId}, ${associationAttempts.boardId})` : sql<number | null>`${students.schoolId}`;
  const attemptWhere = and(attemptScopeFilter(view), inPeriod(associationAttempts.createdAt));

  const [accountRows, childrenRows, nipRows, attemptRows, reasonRows, purgedRows] = await Promise.all([
    accountsQuery,
    childrenQuery,
    nipsQuery as Promise<Grouped[]>,
    db
      .select({
        unit: attemptUnit,
        board: sql<number | null>`coalesce(${students.boardId}, ${associationAttempts.boardId})`,
        n: sql<number>`count(*) filter (where ${associationAttempts.outcome} <> 'already_associated')`.mapWith(Number),
        ok: sql<number>`count(*) filter (where ${associationAttempts.success})`.mapWith(Number),
        again: sql<number>`count(*) filter (where ${associationAttempts.outcome} = 'already_associated')`.mapWith(Number),
      })
      .from(associationAttempts)
      .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
      .where(attemptWhere)
      .groupBy(attemptUnit, sql`coalesce(${students.boardId}, ${associationAttempts.boardId})`),
    db
      .select({
        code: sql<string>`reason->>'code'`,
        kind: sql<string | null>`reason->>'kind'`,
        n: countDistinct(associationAttempts.id),
      })
      .from(associationAttempts)
      .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
      .innerJoin(sql`jsonb_array_elements(${associationAttempts.reasons}) as reason`, sql`true`)
      .where(and(attemptWhere, refusedAttempt()))
      .groupBy(sql`reason->>'code'`, sql`reason->>'kind'`),
    purgedTotals(view, period),
  ]);

  const units = await unitsOf(view, level);
  const byKey = new Map(units.map((u) => [u.key, u]));
  const keyOf = (id: number) => (level === "boards" ? `board:${id}` : `school:${id}`);
  const add = (rows: Grouped[], field: keyof FigureCounts) => {
    for (const row of rows) {
      if (row.unit === null) continue;
      const unit = byKey.get(keyOf(Number(row.unit)));
      if (unit) unit[field] += Number(row.n);
    }
  };
  add(accountRows.filter((row) => !row.total), "accountsCreated");
  add(childrenRows.filter((row) => !row.total), "childrenAssociated");
  add(nipRows, "nipsIssued");

  const totals = zero();
  totals.accountsCreated = Number(accountRows.find((row) => row.total)?.n ?? 0);
  totals.childrenAssociated = Number(childrenRows.find((row) => row.total)?.n ?? 0);
  totals.nipsIssued = nipRows.reduce((sum, r) => sum + Number(r.n), 0);
  for (const row of attemptRows) {
    totals.attempts += Number(row.n);
    totals.successfulAttempts += Number(row.ok);
    totals.alreadyAssociatedAttempts += Number(row.again);
    let unit = row.unit === null ? undefined : byKey.get(keyOf(Number(row.unit)));
    if (!unit && row.unit === null && row.board !== null) {
      // Attempts that found no student, at school level: a row of their own under the board.
      const key = `board:${row.board}:none`;
      unit = byKey.get(key);
      if (!unit) {
        const boardName = units.find((u) => u.boardId === Number(row.board))?.boardName ?? (await boardNameOf(Number(row.board)));
        unit = { key, boardId: Number(row.board), boardName, schoolId: null, schoolName: null, ...zero() };
        byKey.set(key, unit);
        units.push(unit);
      }
    }
    if (unit) {
      unit.attempts += Number(row.n);
      unit.successfulAttempts += Number(row.ok);
      unit.alreadyAssociatedAttempts += Number(row.again);
    }
  }

  // Days whose attempts and NIPs the retention purge removed: their per-day totals (db/queries/retention.ts).
  const purgedReasons: { code: string; kind: string | null; n: number }[] = [];
  for (const row of purgedRows) {
    totals.attempts += row.attempts;
    totals.successfulAttempts += row.successfulAttempts;
    totals.nipsIssued += row.nipsIssued;
    const unitId = level === "boards" ? row.boardId : row.schoolId;
    let unit = unitId === 0 ? undefined : byKey.get(keyOf(unitId));
    if (!unit && level === "schools" && row.schoolId === 0 && row.boardId !== 0) {
      const key = `board:${row.boardId}:none`;
      unit = byKey.get(key);
      if (!unit) {
        const boardName = units.find((u) => u.boardId === row.boardId)?.boardName ?? (await boardNameOf(row.boardId));
        unit = { key, boardId: row.boardId, boardName, schoolId: null, schoolName: null, ...zero() };
        byKey.set(key, unit);
        units.push(unit);
      }
    }
    if (unit) {
      unit.attempts += row.attempts;
      unit.successfulAttempts += row.successfulAttempts;
      unit.nipsIssued += row.nipsIssued;
    }
    for (const [key, n] of Object.entries(row.failureReasons)) {
      const [code, kind] = key.split("|");
      purgedReasons.push({ code: code ?? "", kind: kind || null, n });
    }
  }

  return {
    period,
    level,
    boardId: view.kind === "board" ? view.boardId : null,
    totals,
    units,
    topFailureReasons: topBlockingReasons([...reasonRows, ...purgedReasons]),
  };
}

/** The purge's per-day totals within the view and the period (their board and school are plain ids, 0 for none). */
async function purgedTotals(view: StaffScope, period: FiguresPeriod) {
  const inView =
    view.kind === "all"
      ? undefined
      : view.kind === "board"
        ? eq(purgedAttemptTotals.boardId, view.boardId)
        : view.schoolIds.length > 0
          ? inArray(purgedAttemptTotals.schoolId, view.schoolIds)
          : sql`false`;
  return db
    .select({
      boardId: purgedAttemptTotals.boardId,
      schoolId: purgedAttemptTotals.schoolId,
      attempts: purgedAttemptTotals.attempts,
      successfulAttempts: purgedAttemptTotals.successfulAttempts,
      nipsIssued: purgedAttemptTotals.nipsIssued,
      failureReasons: purgedAttemptTotals.failureReasons,
    })
    .from(purgedAttemptTotals)
    .where(and(gte(purgedAttemptTotals.day, period.from), lte(purgedAttemptTotals.day, period.to), inView));
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
    return boards.map((b) => ({ key: `board:${b.id}`, boardId: b.id, boardName: b.name, schoolId: null, schoolName: null, ...zero() }));
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
    ...zero(),
  }));
}

/** Boards an admin may narrow the figures to. */
export async function boardOptions(): Promise<{ id: number; name: string }[]> {
  return db.select({ id: schoolBoards.id, name: schoolBoards.name }).from(schoolBoards).orderBy(asc(schoolBoards.name), asc(schoolBoards.id));
}
