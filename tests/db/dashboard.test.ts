// The dashboard's figures read totals kept on write (db/queries/dashboard.ts): they must equal what the dashboard
// counted from the rows before (the three queries kept below as the oracle), in every scope, and the student counts
// must follow whatever writes the records (insertions, archiving, restoring, moves, deletions, truncation).
import { beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, gt, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { attemptScopeFilter, refusedAttempt } from "@/db/queries/attempts";
import { dashboardFigures } from "@/db/queries/dashboard";
import { associationAttempts, nips, schoolStudentCounts, students, type School, type Student } from "@/db/schema";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { timeZone } from "@/lib/i18n/locale";
import { foldForSearch } from "@/lib/names";
import { deleteOwnAccount } from "@/db/queries/own-account";
import { createParent, strongPassword } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent, insertNip } from "@/tests/helpers/school-fixtures";
import { recordTestAttempt } from "@/tests/helpers/staff-fixtures";
import { ownerDb } from "@/tests/helpers/test-database";

// ---------- the dashboard's queries before migration 0029, counting the rows ----------

async function failedTodayFromRows(scope: StaffScope): Promise<number> {
  const [{ total }] = await db
    .select({ total: count() })
    .from(associationAttempts)
    .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
    .where(
      and(
        attemptScopeFilter(scope),
        refusedAttempt(),
        gte(associationAttempts.createdAt, sql`(date_trunc('day', now() at time zone ${timeZone}) at time zone ${timeZone})`),
      ),
    );
  return total;
}

async function activeNipsFromRows(scope: StaffScope): Promise<number> {
  const [{ total }] = await db
    .select({ total: count() })
    .from(nips)
    .innerJoin(students, eq(students.id, nips.studentId))
    .where(
      and(
        scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId }),
        isNull(nips.revokedAt),
        isNull(nips.consumedAt),
        gt(nips.expiresAt, sql`now()`),
      ),
    );
  return total;
}

async function studentsFromRows(scope: StaffScope): Promise<number> {
  const [{ total }] = await db
    .select({ total: count() })
    .from(students)
    .where(and(scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId }), isNull(students.archivedAt)));
  return total;
}

// ---------- data ----------

let schoolsAll: School[];
let boardIds: number[];
let records: Student[];

function scopes(): StaffScope[] {
  return [
    { kind: "all" },
    ...boardIds.map((boardId) => ({ kind: "board" as const, boardId })),
    ...schoolsAll.map((school) => ({ kind: "schools" as const, schoolIds: [school.id] })),
    { kind: "schools", schoolIds: [schoolsAll[0]!.id, schoolsAll[2]!.id] },
    { kind: "schools", schoolIds: [] },
  ];
}

async function expectSameAsRows(which: ("failedToday" | "activeNips" | "students")[] = ["failedToday", "activeNips", "students"]) {
  for (const scope of scopes()) {
    const figures = await dashboardFigures(scope);
    const fromRows = {
      failedToday: await failedTodayFromRows(scope),
      activeNips: await activeNipsFromRows(scope),
      students: await studentsFromRows(scope),
    };
    for (const key of which) expect({ scope, [key]: figures[key] }).toEqual({ scope, [key]: fromRows[key] });
  }
}

beforeAll(async () => {
  const boards = [await createBoard(), await createBoard()];
  boardIds = boards.map((b) => b.id);
  schoolsAll = [await createSchool(boards[0]!), await createSchool(boards[0]!), await createSchool(boards[1]!), await createSchool(boards[1]!)];
  records = [];
  for (let i = 0; i < 14; i++) {
    records.push(await createStudent(schoolsAll[i % 4]!, { lastName: `Élève${i}`, firstName: "Test" }));
  }
  // Two records archived already.
  await db.update(students).set({ archivedAt: new Date() }).where(inArray(students.id, [records[5]!.id, records[10]!.id]));

  const parent = await createParent("tableau.de.bord@exemple.ca");
  const yesterday = new Date(Date.now() - 36 * 3600_000);
  const refused = [{ code: "birth_date_differs", field: "birthDate", kind: "typo" }];
  const again = [{ code: "already_associated", field: "identifier", kind: "own_account" }];
  for (const [i, student] of records.entries()) {
    const base = { parentAccountId: parent.id, boardId: student.boardId, candidateStudentId: student.id };
    for (let k = 0; k <= i % 3; k++) await recordTestAttempt({ ...base, reasons: refused });
    if (i % 2 === 0) await recordTestAttempt({ ...base, success: true, reasons: [] });
    if (i % 4 === 1) await recordTestAttempt({ ...base, reasons: again });
    if (i % 5 === 0) await recordTestAttempt({ ...base, reasons: refused, createdAt: yesterday });
  }
  // Attempts that found no student: under the board the parent chose, or none.
  const notFound = [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: "7654321" }];
  await recordTestAttempt({ parentAccountId: parent.id, boardId: boards[0]!.id, reasons: notFound });
  await recordTestAttempt({ parentAccountId: parent.id, boardId: boards[1]!.id, reasons: notFound });
  await recordTestAttempt({ parentAccountId: parent.id, boardId: boards[1]!.id, reasons: notFound, createdAt: yesterday });
  await recordTestAttempt({ parentAccountId: parent.id, reasons: notFound });

  // NIPs in every state.
  const minute = 60_000;
  for (const [i, student] of records.entries()) {
    const state = i % 5;
    await insertNip(student, `DASH${i}A`, {
      ...(state === 1 ? { expiresAt: new Date(Date.now() - minute) } : {}),
      ...(state === 2 ? { consumedAt: new Date() } : {}),
      ...(state === 3 ? { revokedAt: new Date() } : {}),
      ...(state === 4 ? { expiresAt: new Date(Date.now() + 3 * 24 * 60 * minute) } : {}),
    });
  }
});

describe("the dashboard's figures", () => {
  it("equal the counts from the rows in every scope", async () => {
    const province = await dashboardFigures({ kind: "all" });
    // Not vacuous: the data has some of each.
    expect(province.failedToday).toBeGreaterThan(10);
    expect(province.activeNips).toBeGreaterThan(2);
    expect(province.students).toBe(12);
    await expectSameAsRows();
  });

  it("count an attempt in its candidate's school when it was made, as the figures page does", async () => {
    // The record of a today's failure moves to another school: the rows now put the failure in the new school,
    // the per-day totals (and the figures page) keep it where it happened; the board and the province agree.
    const [schoolA, schoolB] = schoolsAll;
    const parent = await createParent("tableau.de.bord.2@exemple.ca");
    const mover = await createStudent(schoolA!, { lastName: "Déménage" });
    await recordTestAttempt({ parentAccountId: parent.id, boardId: mover.boardId, candidateStudentId: mover.id });
    const before = await dashboardFigures({ kind: "schools", schoolIds: [schoolA!.id] });
    await db.update(students).set({ schoolId: schoolB!.id }).where(eq(students.id, mover.id));
    expect((await dashboardFigures({ kind: "schools", schoolIds: [schoolA!.id] })).failedToday).toBe(before.failedToday);
    for (const scope of [{ kind: "all" }, { kind: "board", boardId: schoolA!.boardId }] as StaffScope[]) {
      expect((await dashboardFigures(scope)).failedToday).toBe(await failedTodayFromRows(scope));
    }
  });

  it("keep counting a failure made today after its account is deleted, as the figures page does", async () => {
    // Deleting an account deletes its attempts (the rows no longer show the failure); the per-day totals written
    // with the attempt keep it, so the dashboard and the figures page agree on what happened today.
    const school = schoolsAll[3]!;
    const scope: StaffScope = { kind: "schools", schoolIds: [school.id] };
    const leaving = await createParent("tableau.de.bord.3@exemple.ca");
    const record = await createStudent(school, { lastName: "Partie" });
    const before = await dashboardFigures(scope);
    await recordTestAttempt({ parentAccountId: leaving.id, boardId: record.boardId, candidateStudentId: record.id });
    expect((await dashboardFigures(scope)).failedToday).toBe(before.failedToday + 1);
    const fromRowsBefore = await failedTodayFromRows(scope);

    expect(await deleteOwnAccount(leaving.id, strongPassword)).toMatchObject({ ok: true });
    expect(await failedTodayFromRows(scope)).toBe(fromRowsBefore - 1);
    expect((await dashboardFigures(scope)).failedToday).toBe(before.failedToday + 1);
  });

  it("keep counting students as records are added in one statement, archived, restored, moved and deleted", async () => {
    const [schoolA, , , schoolD] = schoolsAll;
    // An insertion of several records at once, in two boards, one of them archived already.
    await db.insert(students).values(
      [0, 1, 2, 3, 4].map((i) => {
        const school = i < 3 ? schoolD! : schoolA!;
        return {
          boardId: school.boardId,
          schoolId: school.id,
          fiche: String(9_000_000 + i),
          lastName: "Lot",
          firstName: `Élève ${i}`,
          birthDate: "2016-01-01",
          searchName: foldForSearch(`Lot Élève ${i}`),
          ...(i === 4 ? { archivedAt: new Date() } : {}),
        };
      }),
    );
    await expectSameAsRows(["students"]);
  });

  it("follow archiving, restoring, moves and deletions", async () => {
    const [schoolA, schoolB, schoolC] = schoolsAll;
    // Archive two, restore one archived before.
    await db.update(students).set({ archivedAt: new Date() }).where(inArray(students.id, [records[0]!.id, records[1]!.id]));
    await db.update(students).set({ archivedAt: null }).where(eq(students.id, records[5]!.id));
    await expectSameAsRows(["students"]);
    // Archived again while archived, and other updates: nothing moves.
    await db.update(students).set({ archivedAt: new Date(), grade: "5e année" }).where(eq(students.id, records[0]!.id));
    await db.update(students).set({ grade: "4e année", schoolId: records[2]!.schoolId }).where(eq(students.id, records[2]!.id));
    await expectSameAsRows(["students"]);
    // Moved to another school of the board, to a school of another board, and an archived record moved.
    await db.update(students).set({ schoolId: schoolB!.id }).where(eq(students.id, records[4]!.id));
    await db.update(students).set({ boardId: schoolC!.boardId, schoolId: schoolC!.id }).where(eq(students.id, records[8]!.id));
    await db.update(students).set({ schoolId: schoolA!.id }).where(eq(students.id, records[1]!.id));
    // Several moves in one statement, in both directions between two schools.
    await db
      .update(students)
      .set({ schoolId: sql`case when ${students.schoolId} = ${schoolA!.id} then ${schoolB!.id}::int else ${schoolA!.id}::int end` })
      .where(and(eq(students.boardId, schoolA!.boardId), isNull(students.archivedAt)));
    await expectSameAsRows(["students"]);
    // Deleted (the NIPs and attempts of a deleted record go with it, or lose their candidate).
    await db.delete(students).where(inArray(students.id, [records[3]!.id, records[10]!.id, records[12]!.id]));
    await expectSameAsRows(["students", "activeNips"]);
  });

  it("start again from zero when the records are truncated", async () => {
    await ownerDb().execute(sql`truncate table ${students} cascade`);
    expect(await db.select().from(schoolStudentCounts).where(isNotNull(schoolStudentCounts.schoolId))).toEqual([]);
    expect(await dashboardFigures({ kind: "all" })).toMatchObject({ students: 0, activeNips: 0 });
  });
});
