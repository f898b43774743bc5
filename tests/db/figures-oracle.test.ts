// The figures read from the per-day totals (daily_figures and its neighbours, kept by triggers) against the same
// figures computed from the rows themselves (figuresFromRows below: how the screen counted before), on seeded
// random data: accounts created on several days (some before the records listing their email), associations
// written out of day order and several per child, attempts of every outcome around midnight in Montréal, NIPs.
// Equal before anything is deleted; after the retention purge and after an account deletion, still equal to what
// the rows gave before (the totals are never lowered).
import { describe, expect, it } from "vitest";
import { and, asc, count, countDistinct, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { attemptScopeFilter, refusedAttempt } from "@/db/queries/attempts";
import { figuresForStaff, zeroCounts, type FigureCounts, type Figures, type FiguresUnit } from "@/db/queries/figures";
import { deleteOwnAccount } from "@/db/queries/own-account";
import { purgeExpiredData } from "@/db/queries/retention";
import {
  associationAttempts,
  associations,
  guardianEmails,
  nips,
  parentAccounts,
  schoolBoards,
  schools,
  students,
  type AttemptReason,
  type School,
  type Student,
} from "@/db/schema";
import { createRandom, type Random } from "@/db/seed-data/random";
import { reasonBlocks } from "@/lib/association/reasons";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { isoDateIn } from "@/lib/birth-date";
import { timeZone } from "@/lib/i18n/locale";
import { withinLocalDays } from "@/lib/sql-local-day";
import type { FiguresPeriod } from "@/lib/validations/figures";
import { createParent, strongPassword } from "@/tests/helpers/accounts";
import { createBoard, createSchool, createStudent, insertNip } from "@/tests/helpers/school-fixtures";
import { recordTestAttempt } from "@/tests/helpers/staff-fixtures";
import { ownerDb } from "@/tests/helpers/test-database";

// ---------- The oracle: the figures counted from the rows ----------

async function figuresFromRows(scope: StaffScope, period: FiguresPeriod, options: { boardId?: number | null } = {}): Promise<Figures> {
  const view: StaffScope = scope.kind === "all" && options.boardId ? { kind: "board", boardId: options.boardId } : scope;
  const level = view.kind === "all" ? "boards" : "schools";
  const unitOf = level === "boards" ? students.boardId : students.schoolId;
  const inPeriod = (column: Parameters<typeof withinLocalDays>[0]) => withinLocalDays(column, period.from, period.to);
  const studentScope = scopeFilter(view, { boardId: students.boardId, schoolId: students.schoolId });
  const perUnitAndTotal = sql`grouping sets ((${unitOf}), ())`;
  const isTotal = sql<number>`grouping(${unitOf})`.mapWith(Number);
  const accountRows = await db
    .select({ unit: sql<number>`${unitOf}`, total: isTotal, n: countDistinct(parentAccounts.id) })
    .from(parentAccounts)
    .innerJoin(guardianEmails, eq(guardianEmails.email, parentAccounts.email))
    .innerJoin(students, eq(students.id, guardianEmails.studentId))
    .where(and(inPeriod(parentAccounts.createdAt), studentScope))
    .groupBy(perUnitAndTotal);
  const childrenRows = await db
    .select({ unit: sql<number>`${unitOf}`, total: isTotal, n: countDistinct(associations.studentId) })
    .from(associations)
    .innerJoin(students, eq(students.id, associations.studentId))
    .where(and(inPeriod(associations.createdAt), studentScope))
    .groupBy(perUnitAndTotal);
  const nipRows = await db
    .select({ unit: sql<number>`${unitOf}`, n: count() })
    .from(nips)
    .innerJoin(students, eq(students.id, nips.studentId))
    .where(and(inPeriod(nips.createdAt), studentScope))
    .groupBy(unitOf);
  const boardOfAttempt = sql<number | null>`coalesce(${students.boardId}, ${associationAttempts.boardId})`;
  const attemptUnit = level === "boards" ? boardOfAttempt : sql<number | null>`${students.schoolId}`;
  const attemptWhere = and(attemptScopeFilter(view), inPeriod(associationAttempts.createdAt));
  const attemptRows = await db
    .select({
      unit: attemptUnit,
      board: boardOfAttempt,
      n: sql<number>`count(*) filter (where ${associationAttempts.outcome} <> 'already_associated')`.mapWith(Number),
      ok: sql<number>`count(*) filter (where ${associationAttempts.success})`.mapWith(Number),
      again: sql<number>`count(*) filter (where ${associationAttempts.outcome} = 'already_associated')`.mapWith(Number),
    })
    .from(associationAttempts)
    .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
    .where(attemptWhere)
    .groupBy(attemptUnit, boardOfAttempt);
  const reasonRows = await db
    .select({ code: sql<string>`reason->>'code'`, kind: sql<string | null>`reason->>'kind'`, n: countDistinct(associationAttempts.id) })
    .from(associationAttempts)
    .leftJoin(students, eq(students.id, associationAttempts.candidateStudentId))
    .innerJoin(sql`jsonb_array_elements(${associationAttempts.reasons}) as reason`, sql`true`)
    .where(and(attemptWhere, refusedAttempt()))
    .groupBy(sql`reason->>'code'`, sql`reason->>'kind'`);

  const units = await unitsOf(view, level);
  const byKey = new Map(units.map((u) => [u.key, u]));
  const keyOf = (id: number) => (level === "boards" ? `board:${id}` : `school:${id}`);
  const add = (rows: { unit: number | null; n: number }[], field: keyof FigureCounts) => {
    for (const row of rows) {
      const unit = row.unit === null ? undefined : byKey.get(keyOf(Number(row.unit)));
      if (unit) unit[field] += Number(row.n);
    }
  };
  add(accountRows.filter((row) => !row.total), "accountsCreated");
  add(childrenRows.filter((row) => !row.total), "childrenAssociated");
  add(nipRows, "nipsIssued");
  const totals = zeroCounts();
  totals.accountsCreated = Number(accountRows.find((row) => row.total)?.n ?? 0);
  totals.childrenAssociated = Number(childrenRows.find((row) => row.total)?.n ?? 0);
  totals.nipsIssued = nipRows.reduce((sum, r) => sum + Number(r.n), 0);
  for (const row of attemptRows) {
    totals.attempts += row.n;
    totals.successfulAttempts += row.ok;
    totals.alreadyAssociatedAttempts += row.again;
    let unit = row.unit === null ? undefined : byKey.get(keyOf(Number(row.unit)));
    if (!unit && row.unit === null && row.board !== null && level === "schools") {
      const key = `board:${row.board}:none`;
      unit = byKey.get(key);
      if (!unit) {
        const [board] = await db.select({ name: schoolBoards.name }).from(schoolBoards).where(eq(schoolBoards.id, Number(row.board)));
        unit = { key, boardId: Number(row.board), boardName: board?.name ?? "", schoolId: null, schoolName: null, ...zeroCounts() };
        byKey.set(key, unit);
        units.push(unit);
      }
    }
    if (unit) {
      unit.attempts += row.n;
      unit.successfulAttempts += row.ok;
      unit.alreadyAssociatedAttempts += row.again;
    }
  }
  const byCode = new Map<string, number>();
  for (const row of reasonRows) {
    if (!row.code || !reasonBlocks({ code: row.code, kind: row.kind ?? undefined })) continue;
    byCode.set(row.code, (byCode.get(row.code) ?? 0) + Number(row.n));
  }
  const topFailureReasons = [...byCode.entries()]
    .map(([code, attempts]) => ({ code, attempts }))
    .sort((a, b) => b.attempts - a.attempts || a.code.localeCompare(b.code))
    .slice(0, 8);
  return { period, level, boardId: view.kind === "board" ? view.boardId : null, totals, units, topFailureReasons };
}

async function unitsOf(view: StaffScope, level: "boards" | "schools"): Promise<FiguresUnit[]> {
  if (level === "boards") {
    const boards = await db.select().from(schoolBoards).orderBy(asc(schoolBoards.name), asc(schoolBoards.id));
    return boards.map((b) => ({ key: `board:${b.id}`, boardId: b.id, boardName: b.name, schoolId: null, schoolName: null, ...zeroCounts() }));
  }
  const rows = await db
    .select({ id: schools.id, name: schools.name, boardId: schools.boardId, boardName: schoolBoards.name })
    .from(schools)
    .innerJoin(schoolBoards, eq(schoolBoards.id, schools.boardId))
    .where(scopeFilter(view, { boardId: schools.boardId, schoolId: schools.id }) as SQL)
    .orderBy(asc(schoolBoards.name), asc(schools.name), asc(schools.id));
  return rows.map((s) => ({ key: `school:${s.id}`, boardId: s.boardId, boardName: s.boardName, schoolId: s.id, schoolName: s.name, ...zeroCounts() }));
}

/** Units in key order: the unit of attempts without a student may come at another place in the list. */
const comparable = (figures: Figures) => ({ ...figures, units: [...figures.units].sort((a, b) => a.key.localeCompare(b.key)) });

// ---------- Random data ----------

const DAY = 86_400_000;
/** Days before now the data falls on: some past the default 12 months the purge keeps attempts, some recent. */
const DAYS_AGO = [430, 400, 399, 61, 60, 20, 3, 2];
/** Hours (UTC) of the day: 03:00–04:59 UTC is still the evening before in Montréal. */
const HOURS = [3, 4, 12, 15, 23];

function randomInstant(random: Random): Date {
  const day = new Date(Date.now() - random.pick(DAYS_AGO) * DAY);
  day.setUTCHours(random.pick(HOURS), random.int(0, 59), 0, 0);
  return day;
}

const REASONS: AttemptReason[] = [
  { code: "email_not_on_record", field: "email", kind: "not_listed" },
  { code: "last_name_differs", field: "lastName", kind: "accents", typed: "Cote", expected: "Côté" },
  { code: "last_name_differs", field: "lastName", kind: "other", typed: "Roy", expected: "Côté" },
  { code: "birth_date_differs", field: "birthDate" },
  { code: "first_name_differs", field: "firstName", kind: "other", typed: "Léo", expected: "Léa" },
];

type DataSet = { boards: number[]; schools: School[]; parents: { id: string; email: string }[] };

async function randomData(seed: number): Promise<DataSet> {
  const random = createRandom(seed);
  const board1 = await createBoard({ name: `CSS Oracle ${seed} A` });
  const board2 = await createBoard({ name: `CSS Oracle ${seed} B` });
  const schoolList = [await createSchool(board1), await createSchool(board1), await createSchool(board2)];
  const emails = Array.from({ length: 6 }, (_, i) => `oracle${seed}-${i}@exemple.ca`);
  const pickEmails = () => emails.filter(() => random.chance(0.3));
  const studentList: Student[] = [];
  const addStudents = async (n: number) => {
    for (let i = 0; i < n; i++) studentList.push(await createStudent(random.pick(schoolList), { guardianEmails: pickEmails() }));
  };
  await addStudents(5);
  // Accounts (the last email never opens one), created on a random day; then more records listing their emails.
  const parents = [];
  for (const email of emails.slice(0, 5)) {
    const parent = await createParent(email);
    await db.update(parentAccounts).set({ createdAt: randomInstant(random) }).where(eq(parentAccounts.id, parent.id));
    parents.push({ id: parent.id, email });
  }
  await addStudents(5);
  // A record gains a listed email later (a guardian email written alone).
  const late = random.pick(studentList);
  await db.insert(guardianEmails).values({ studentId: late.id, email: emails[random.int(0, 4)]!, position: 9 }).onConflictDoNothing();

  // Associations in no particular day order, several per child (ended, so the same pair may come back).
  for (let i = 0; i < 14; i++) {
    const createdAt = randomInstant(random);
    await db.insert(associations).values({
      parentAccountId: random.pick(parents).id,
      studentId: random.pick(studentList).id,
      method: "match",
      createdAt,
      revokedAt: new Date(createdAt.getTime() + 60_000),
    });
  }
  for (let i = 0; i < 40; i++) {
    const candidate = random.chance(0.75) ? random.pick(studentList) : null;
    const outcome = random.pick(["associated", "refused", "refused", "already"] as const);
    const reasons: AttemptReason[] =
      outcome === "already"
        ? [{ code: "already_associated" }]
        : outcome === "associated"
          ? random.chance(0.5) ? [REASONS[1]!] : []
          : candidate
            ? REASONS.filter(() => random.chance(0.4)).concat(random.chance(0.2) ? [REASONS[0]!] : [])
            : [{ code: "student_not_found", field: "identifier", kind: "fiche", typed: "999" }];
    await recordTestAttempt({
      parentAccountId: random.pick(parents).id,
      boardId: candidate ? candidate.boardId : random.pick([board1.id, board2.id]),
      candidateStudentId: candidate?.id ?? null,
      success: outcome === "associated",
      reasons,
      createdAt: randomInstant(random),
    });
  }
  for (let i = 0; i < 6; i++) {
    const createdAt = randomInstant(random);
    await insertNip(random.pick(studentList), `N${seed}X${i}`.padEnd(8, "Z"), { createdAt, expiresAt: new Date(createdAt.getTime() + 15 * 60_000) });
  }
  return { boards: [board1.id, board2.id], schools: schoolList, parents };
}

function periodsOf(random: Random): FiguresPeriod[] {
  const day = (ago: number) => isoDateIn(timeZone, new Date(Date.now() - ago * DAY));
  const periods: FiguresPeriod[] = [
    { from: day(500), to: day(0) },
    { from: day(60), to: day(60) },
    { from: day(400), to: day(61) },
  ];
  for (let i = 0; i < 4; i++) {
    const [a, b] = [random.pick(DAYS_AGO), random.pick(DAYS_AGO)];
    periods.push({ from: day(Math.max(a, b) + random.int(0, 1)), to: day(Math.min(a, b)) });
  }
  return periods;
}

function scopesOf(data: DataSet, withProvince: boolean) {
  const [s1, s2, s3] = data.schools;
  const scopes: { scope: StaffScope; boardId?: number }[] = [
    { scope: { kind: "board", boardId: data.boards[0]! } },
    { scope: { kind: "board", boardId: data.boards[1]! } },
    { scope: { kind: "all" }, boardId: data.boards[0]! },
    { scope: { kind: "schools", schoolIds: [s1!.id] } },
    { scope: { kind: "schools", schoolIds: [s1!.id, s2!.id] } },
    { scope: { kind: "schools", schoolIds: [s2!.id, s3!.id] } },
  ];
  if (withProvince) scopes.push({ scope: { kind: "all" } });
  return scopes;
}

async function fromRows(data: DataSet, periods: FiguresPeriod[], withProvince: boolean) {
  const out = [];
  for (const period of periods) {
    for (const { scope, boardId } of scopesOf(data, withProvince)) out.push(comparable(await figuresFromRows(scope, period, { boardId })));
  }
  return out;
}

async function fromTotals(data: DataSet, periods: FiguresPeriod[], withProvince: boolean) {
  const out = [];
  for (const period of periods) {
    for (const { scope, boardId } of scopesOf(data, withProvince)) out.push(comparable(await figuresForStaff(scope, period, { boardId })));
  }
  return out;
}

describe("figures from the per-day totals", () => {
  // The province's figures include every data set: compared in the first one, before any purge ran.
  for (const [index, seed] of [0x5eed01, 0x5eed02, 0x5eed03].entries()) {
    it(`equal the figures counted from the rows, before and after a purge and an account deletion (seed ${seed.toString(16)})`, async () => {
      const withProvince = index === 0;
      const data = await randomData(seed);
      const periods = periodsOf(createRandom(seed ^ 0xfe));
      const expected = await fromRows(data, periods, withProvince);
      expect(expected.some((f) => f.totals.attempts > 0 && f.totals.childrenAssociated > 0 && f.totals.accountsCreated > 0)).toBe(true);
      expect(await fromTotals(data, periods, withProvince)).toEqual(expected);
      if (index === 0) {
        // The migration's backfill (and bench/generate's) computes the same totals from the rows as the triggers.
        await ownerDb().execute(sql`select rebuild_daily_figures()`);
        expect(await fromTotals(data, periods, withProvince)).toEqual(expected);
      }

      const purged = await purgeExpiredData();
      expect(purged.ran && purged.counts.attempts > 0 && purged.counts.nips > 0).toBe(true);
      expect(await fromTotals(data, periods, withProvince)).toEqual(expected);

      // The account with the most attempts left after the purge.
      const [parent] = await db
        .select({ id: associationAttempts.parentAccountId, n: count() })
        .from(associationAttempts)
        .where(inArray(associationAttempts.parentAccountId, data.parents.map((p) => p.id)))
        .groupBy(associationAttempts.parentAccountId)
        .orderBy(desc(count()))
        .limit(1);
      expect(await deleteOwnAccount(parent!.id, strongPassword)).toEqual({ ok: true });
      expect(await fromTotals(data, periods, withProvince)).toEqual(expected);
      // What the rows give now differs: the deleted account's attempts and link are gone from them.
      expect(await fromRows(data, periods, withProvince)).not.toEqual(expected);
    });
  }
});
