// The back-office dashboard's three figures (the first page every staff member sees), in one statement that reads
// totals kept on write instead of counting rows:
// - failed attempts today: refused attempts of today's calendar day in the schools' time zone, from daily_figures
//   (attempts − successful attempts: re-submissions of an associated child are in neither), the rows the figures
//   page reads (see db/queries/figures.ts) — a day of the province is about 70 rows, a board's one, a school's one;
// - NIPs still usable (not revoked, not used, not expired), through the partial indexes nips_usable_idx and
//   nips_usable_board_idx: only the NIPs not yet expired (of the board) are read, then their students for the scope;
// - active students (not archived), from school_student_counts (migration 0029): a school's row, a board's rows,
//   or the province's 3,000, instead of up to 1.5 M records.
// Counted as the raw rows were (tests/db/dashboard.test.ts compares them), except where the per-day totals are kept
// on write: an attempt counts in its candidate's school when it was made (a record moved since stays counted in its
// old school), and an account deleted today leaves its attempts counted, as on the figures page.
import { and, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { boardColumnInScope } from "@/db/queries/scope-schools";
import { db } from "@/db/client";
import { dailyFigures, nips, schoolStudentCounts, students } from "@/db/schema";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { timeZone } from "@/lib/i18n/locale";

export type DashboardFigures = { failedToday: number; activeNips: number; students: number };

/** Refused attempts today in the scope, from the per-day totals (a scalar subquery). */
function failedToday(scope: StaffScope): SQL {
  // The same rows as the figures page: the province reads its boards' rows (school 0) and board 0's attempts that
  // found no student (school -1); a board its own board row; a secretary her schools' rows.
  const rows =
    scope.kind === "all"
      ? and(inArray(dailyFigures.schoolId, [0, -1]), sql`(${dailyFigures.schoolId} = 0 or ${dailyFigures.boardId} = 0)`)
      : scope.kind === "board"
        ? and(eq(dailyFigures.boardId, scope.boardId), eq(dailyFigures.schoolId, 0))
        : scopeFilter(scope, { boardId: dailyFigures.boardId, schoolId: dailyFigures.schoolId });
  return sql`(select coalesce(sum(${dailyFigures.attempts} - ${dailyFigures.successfulAttempts}), 0)::int
    from ${dailyFigures}
    where ${dailyFigures.day} = (now() at time zone ${timeZone})::date and ${rows})`;
}

/** NIPs that can still be used, in the scope (a scalar subquery). */
function activeNips(scope: StaffScope): SQL {
  const usable = and(isNull(nips.revokedAt), isNull(nips.consumedAt), gt(nips.expiresAt, sql`now()`));
  // The province: every NIP has its student (a required foreign key, deleted with it), so none is read.
  if (scope.kind === "all") return sql`(select count(*)::int from ${nips} where ${usable})`;
  // A NIP's board is its student's (issueNip), so the NIP's own board narrows the index range first
  // (nips_usable_board_idx); the students are still read for the scope, as before.
  const boardOfNip = boardColumnInScope(nips.boardId, scope);
  return sql`(select count(*)::int from ${nips} inner join ${students} on ${eq(students.id, nips.studentId)}
    where ${and(boardOfNip, scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId }), usable)})`;
}

/** The dashboard's figures for the scope, in one round trip. */
export async function dashboardFigures(scope: StaffScope): Promise<DashboardFigures> {
  const [row] = await db
    .select({
      failedToday: sql<number>`${failedToday(scope)}`.mapWith(Number),
      activeNips: sql<number>`${activeNips(scope)}`.mapWith(Number),
      students: sql<number>`coalesce(sum(${schoolStudentCounts.students}), 0)::int`.mapWith(Number),
    })
    .from(schoolStudentCounts)
    .where(scopeFilter(scope, { boardId: schoolStudentCounts.boardId, schoolId: schoolStudentCounts.schoolId }));
  return row!;
}
