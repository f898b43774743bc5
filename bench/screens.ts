// Times the back-office screens other than the student search on the Quebec-scale data set (after bench/generate):
// the dashboard, the attempts screen ("why did it fail?") as a secretary, a board's support and a platform admin
// use them, a student's attempts, the parent account page, and the figures over the school term. Prints
// p50/p95/p99 per screen, then the CPU per call of each screen (this process and its database backends, from
// /proc), which varies far less than the times with the machine's load.
// Usage: npx tsx bench/screens.ts [--rounds 20] [--only dashboard,attempts,parent] [--cpu-calls 100]
import { parseArgs } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { openPostgres, setDatabaseHandle } from "@/db/client";
import { associationAttempts, parentAccounts, students } from "@/db/schema";
import { attemptsOfStudent, searchAttemptsForStaff } from "@/db/queries/attempts";
import { dashboardFigures } from "@/db/queries/dashboard";
import { figuresForStaff } from "@/db/queries/figures";
import { getParentAccountForStaff } from "@/db/queries/parent-accounts-admin";
import { createRandom } from "@/db/seed-data/random";
import { benchDatabaseUrl } from "@/bench/bench-database";
import { cpuSpent as cpuSpentSoFar, loadAverage } from "@/bench/process-cpu";
import { BENCH_SEED } from "@/bench/data-set";
import { printTable } from "@/bench/timing";
import type { StaffScope } from "@/lib/auth/scope";

const { values: args } = parseArgs({
  options: { rounds: { type: "string", default: "20" }, only: { type: "string" }, "cpu-calls": { type: "string", default: "100" } },
});
/** Screens whose name starts with one of these words (all when absent). */
const only = args.only?.split(",").map((word) => word.trim()).filter(Boolean);
const rounds = Number(args.rounds);
if (!Number.isSafeInteger(rounds) || rounds <= 0) throw new Error("--rounds must be a positive integer");
const cpuCalls = Number(args["cpu-calls"]);
if (!Number.isSafeInteger(cpuCalls) || cpuCalls < 0) throw new Error("--cpu-calls must be a whole number (0: no CPU pass)");

// The pool's connections carry this name, so the CPU of their database backends can be read from /proc.
const applicationName = `bench-screens-${process.pid}`;
const databaseUrl = (() => {
  const url = new URL(benchDatabaseUrl());
  url.searchParams.set("application_name", applicationName);
  return url.toString();
})();
const handle = openPostgres(databaseUrl, 10);
setDatabaseHandle(handle);
const db = handle.db;

type Case = { screen: string; run: () => Promise<unknown> };

/** A failed attempt drawn at random, with what staff would type to find it. */
async function sampleFailedAttempt(random: ReturnType<typeof createRandom>, maxStudentId: number) {
  for (;;) {
    const [row] = await db
      .select({
        studentId: students.id,
        schoolId: students.schoolId,
        boardId: students.boardId,
        fiche: students.fiche,
        lastName: students.lastName,
        firstName: students.firstName,
        email: parentAccounts.email,
      })
      .from(associationAttempts)
      .innerJoin(students, eq(students.id, associationAttempts.candidateStudentId))
      .innerJoin(parentAccounts, eq(parentAccounts.id, associationAttempts.parentAccountId))
      .where(and(eq(associationAttempts.success, false), sql`${students.id} >= ${random.int(1, maxStudentId)}`))
      .orderBy(students.id)
      .limit(1);
    if (row) return row;
  }
}

async function buildCases(): Promise<Case[]> {
  const random = createRandom(BENCH_SEED ^ 0x5c4ee5);
  const term = { from: "2026-08-20", to: "2026-11-20" };
  const cases: Case[] = [];
  const [{ maxStudentId }] = await db.select({ maxStudentId: sql<number>`max(${students.id})` }).from(students);
  for (let i = 0; i < rounds; i++) {
    const a = await sampleFailedAttempt(random, maxStudentId);
    const secretary: StaffScope = { kind: "schools", schoolIds: [a.schoolId] };
    const board: StaffScope = { kind: "board", boardId: a.boardId };
    const admin: StaffScope = { kind: "all" };
    cases.push(
      { screen: "dashboard: school (secretary)", run: () => dashboardFigures(secretary) },
      { screen: "dashboard: board (support)", run: () => dashboardFigures(board) },
      { screen: "dashboard: province (admin)", run: () => dashboardFigures(admin) },
      { screen: "attempts: school, newest failed", run: () => searchAttemptsForStaff(secretary, {}) },
      { screen: "attempts: board, newest failed", run: () => searchAttemptsForStaff(board, {}) },
      { screen: "attempts: province, newest failed", run: () => searchAttemptsForStaff(admin, {}) },
      { screen: "attempts: board, page 5", run: () => searchAttemptsForStaff(board, { page: 5 }) },
      { screen: "attempts: school, by parent email", run: () => searchAttemptsForStaff(secretary, { email: a.email }) },
      { screen: "attempts: board, by parent email", run: () => searchAttemptsForStaff(board, { email: a.email }) },
      { screen: "attempts: province, by parent email", run: () => searchAttemptsForStaff(admin, { email: a.email }) },
      { screen: "attempts: board, by fiche", run: () => searchAttemptsForStaff(board, { student: a.fiche }) },
      { screen: "attempts: school, by last name", run: () => searchAttemptsForStaff(secretary, { student: a.lastName }) },
      { screen: "attempts: board, by last name", run: () => searchAttemptsForStaff(board, { student: a.lastName }) },
      // A name of one or two letters has no trigram (the data set's family name "Ng").
      { screen: "attempts: school, short name Ng", run: () => searchAttemptsForStaff(secretary, { student: "Ng" }) },
      { screen: "attempts: board, short name Ng", run: () => searchAttemptsForStaff(board, { student: "Ng" }) },
      // Province-wide, a name's records are found through the word index (students_name_words_idx).
      { screen: "attempts: province, by last name", run: () => searchAttemptsForStaff(admin, { student: a.lastName }) },
      { screen: "attempts: province, by full name", run: () => searchAttemptsForStaff(admin, { student: `${a.firstName} ${a.lastName}` }) },
      { screen: "attempts: province, by fiche", run: () => searchAttemptsForStaff(admin, { student: a.fiche }) },
      { screen: "attempts: board, one week", run: () => searchAttemptsForStaff(board, { from: "2026-10-05", to: "2026-10-11" }) },
      { screen: "attempts of one student", run: () => attemptsOfStudent(board, a.studentId) },
      { screen: "parent account page", run: () => getParentAccountForStaff(board, a.email) },
      { screen: "figures: school, term", run: () => figuresForStaff(secretary, term) },
      { screen: "figures: board, term", run: () => figuresForStaff(board, term) },
    );
    if (i < 3) cases.push({ screen: "figures: province, term", run: () => figuresForStaff(admin, term) });
  }
  return cases;
}

const cpuSpent = () => cpuSpentSoFar(db, applicationName);

/** Each screen's cases called in turn until --cpu-calls calls, with the CPU they took per call. */
async function printCpuPerCall(cases: Case[]) {
  const byScreen = new Map<string, Case[]>();
  for (const c of cases) byScreen.set(c.screen, [...(byScreen.get(c.screen) ?? []), c]);
  console.log(`\nCPU per call (${cpuCalls} calls a screen, its draws in turn)`);
  console.log(`${"".padEnd(34)}${"app ms".padStart(9)}${"db ms".padStart(9)}`);
  for (const [screen, screenCases] of byScreen) {
    const before = await cpuSpent();
    for (let i = 0; i < cpuCalls; i++) await screenCases[i % screenCases.length]!.run();
    const after = await cpuSpent();
    const perCall = (spent: number | null) => (spent === null ? "—" : (spent / cpuCalls).toFixed(2)).padStart(9);
    console.log(
      `${screen.padEnd(34)}${perCall(after.app - before.app)}${perCall(before.db === null || after.db === null ? null : after.db - before.db)}`,
    );
  }
  console.log(`load average ${loadAverage()}`);
}

async function main() {
  const [{ attempts }] = await db.select({ attempts: sql<number>`count(*)::int` }).from(associationAttempts);
  const cases = (await buildCases()).filter((c) => !only || only.some((word) => c.screen.startsWith(word)));
  console.log(`bench database: ${attempts.toLocaleString("en")} association attempts; ${cases.length} screens (seed fixed)`);
  for (const c of cases) await c.run(); // untimed: a running server has its indexes in memory
  const times = new Map<string, number[]>();
  for (const c of cases) {
    const started = performance.now();
    await c.run();
    times.set(c.screen, [...(times.get(c.screen) ?? []), performance.now() - started]);
  }
  printTable("back-office screens (all their queries, measured in the app process)", times);
  if (cpuCalls > 0) await printCpuPerCall(cases);
  await handle.close();
}

await main();
