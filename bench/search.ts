// Times the staff student search on the 1.5 M-student bench database (bench/generate.ts): a fixed, seeded mix of
// searches through searchStudents, then the same mix as plain ILIKE '%…%' scans, with p50/p95/p99 and the ratio.
// Usage: npx tsx bench/search.ts [--searches 300] [--baseline 300] [--explain] [--name-ways] [--cpu-by-kind]
import { parseArgs } from "node:util";
import { and, asc, count, eq, exists, inArray, isNull, not, sql, type SQL } from "drizzle-orm";
import { openPostgres, setDatabaseHandle } from "@/db/client";
import { guardianEmails, associations, schools, students } from "@/db/schema";
import { searchStudents, type StudentSearchOptions } from "@/db/queries/student-search";
import { createRandom, type Random } from "@/db/seed-data/random";
import { benchDatabaseUrl } from "@/bench/bench-database";
import { cpuSpent as cpuSpentSoFar, loadAverage } from "@/bench/process-cpu";
import { BENCH_SEED } from "@/bench/data-set";
import { ms, printTable, summary } from "@/bench/timing";
import { GRADES } from "@/db/seed-data/grades";
import { scopeFilter, type StaffScope } from "@/lib/auth/scope";
import { foldForSearch } from "@/lib/names";
import { classifyStudentQuery } from "@/lib/student-query";
import { parseStudentSearch, STUDENT_SEARCH_PAGE_SIZE, type StudentSearchParams } from "@/lib/validations/student-search";

const { values: args } = parseArgs({
  options: {
    searches: { type: "string", default: "300" },
    baseline: { type: "string", default: "300" },
    explain: { type: "boolean", default: false },
    "name-ways": { type: "boolean", default: false },
    "cpu-by-kind": { type: "boolean", default: false },
  },
});
const searchCount = Number(args.searches);
const baselineCount = Math.min(Number(args.baseline), searchCount);

// The pool's connections carry this name, so the CPU of their database backends can be read from /proc (on the
// machine running the server) and reported beside the times, which on a shared machine vary with its load.
const applicationName = `bench-search-${process.pid}`;
const databaseUrl = (() => {
  const url = new URL(benchDatabaseUrl());
  url.searchParams.set("application_name", applicationName);
  return url.toString();
})();
const handle = openPostgres(databaseUrl, 4);
setDatabaseHandle(handle);
const db = handle.db;

type Sample = {
  id: number;
  boardId: number;
  schoolId: number;
  fiche: string;
  codePermanent: string | null;
  lastName: string;
  firstName: string;
  grade: string | null;
  email: string | null;
};

type BenchSearch = { kind: string; scopeKind: StaffScope["kind"]; scope: StaffScope; url: Record<string, string> };

async function sampleStudents(random: Random, howMany: number): Promise<Sample[]> {
  const [{ maxId }] = await db.select({ maxId: sql<number>`max(${students.id})` }).from(students);
  const wanted = Array.from({ length: howMany }, () => random.int(1, maxId));
  const rows = await db
    .select({
      id: students.id,
      boardId: students.boardId,
      schoolId: students.schoolId,
      fiche: students.fiche,
      codePermanent: students.codePermanent,
      lastName: students.lastName,
      firstName: students.firstName,
      grade: students.grade,
      email: sql<string | null>`(select min(${guardianEmails.email}) from ${guardianEmails} where ${guardianEmails.studentId} = ${students.id})`,
    })
    .from(students)
    .where(inArray(students.id, wanted));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return wanted.map((id) => byId.get(id)!).filter(Boolean);
}

/** What a secretary on the phone types, more or less carefully. */
function typedName(random: Random, s: Sample): { kind: string; q: string } {
  const last = foldForSearch(s.lastName).split(" ");
  const first = foldForSearch(s.firstName).split(" ");
  const roll = random.next();
  if (roll < 0.25) return { kind: "name: last first", q: `${last.join(" ")} ${first.join(" ")}` };
  if (roll < 0.45) return { kind: "name: first last", q: `${first[0]} ${last[0]}` };
  if (roll < 0.7) return { kind: "name: partial", q: `${last[0]!.slice(0, 4)} ${first[0]!.slice(0, 3)}` };
  if (roll < 0.9) return { kind: "name: last name only", q: last[0]! };
  return { kind: "name: accented, hyphenated", q: `${s.lastName}, ${s.firstName}` };
}

function spacedCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase();
}

function buildMix(random: Random, samples: Sample[]): BenchSearch[] {
  return samples.map((s): BenchSearch => {
    const scopeRoll = random.next();
    const scope: StaffScope =
      scopeRoll < 0.4
        ? { kind: "schools", schoolIds: [s.schoolId] }
        : scopeRoll < 0.7
          ? { kind: "board", boardId: s.boardId }
          : { kind: "all" };
    const make = (kind: string, url: Record<string, string>): BenchSearch => ({ kind, scopeKind: scope.kind, scope, url });
    const roll = random.next();
    if (roll < 0.18) {
      const padded = random.chance(0.5) ? `e${s.fiche.padStart(8, "0")}` : s.fiche;
      return make("fiche", { q: padded });
    }
    if (roll < 0.3 && s.codePermanent) {
      return make("code permanent", { q: random.chance(0.5) ? spacedCode(s.codePermanent) : s.codePermanent });
    }
    if (roll < 0.44 && s.email) {
      return make("parent email", { q: random.chance(0.5) ? s.email.toUpperCase() : ` ${s.email} ` });
    }
    if (roll < 0.82) {
      const { kind, q } = typedName(random, s);
      const url: Record<string, string> = { q };
      if (random.chance(0.1)) url.tri = random.pick(["-naissance", "ecole", "fiche"]);
      if (random.chance(0.1)) url.page = "2";
      return make(kind, url);
    }
    // Filtered lists, as staff narrow a class or a follow-up list. Province-wide lists need a school (see
    // searchStudents), so an admin's filtered list names the school.
    const filterRoll = random.next();
    const inSchool = (url: Record<string, string>) => (scope.kind === "all" ? { ...url, ecole: String(s.schoolId) } : url);
    if (filterRoll < 0.3) return make("filter: class list", { ecole: String(s.schoolId), niveau: s.grade ?? "", tri: "nom" });
    if (filterRoll < 0.5) return make("filter: name + no account", { q: foldForSearch(s.lastName).split(" ")[0]!, compte: "sans" });
    if (filterRoll < 0.65) return make("filter: no guardian email", inSchool({ courriel: "sans" }));
    if (filterRoll < 0.8) return make("filter: name + school", { q: foldForSearch(s.lastName).split(" ")[0]!, ecole: String(s.schoolId) });
    return make("filter: grade + account", inSchool({ niveau: random.pick(GRADES).label, compte: "avec", tri: "-naissance" }));
  });
}

// ---------- the naive way: ILIKE '%…%' on the raw columns, exact count ----------

async function naiveSearch(scope: StaffScope, params: StudentSearchParams) {
  const query = classifyStudentQuery(params.q);
  const contains = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const name = sql`(${students.lastName} || ' ' || ${students.firstName})`;
  let condition: SQL | undefined;
  switch (query.kind) {
    case "all":
      break;
    case "unmatchable":
      condition = sql`false`;
      break;
    case "fiche":
      condition = sql`${students.fiche} ilike ${contains(query.fiche)}`;
      break;
    case "codePermanent":
      condition = sql`${students.codePermanent} ilike ${contains(query.codePermanent)}`;
      break;
    case "email":
      condition = exists(
        db.select({ one: sql`1` }).from(guardianEmails)
          .where(and(eq(guardianEmails.studentId, students.id), sql`${guardianEmails.email} ilike ${contains(query.email)}`)),
      );
      break;
    case "name":
      condition = and(...query.terms.map((term) => sql`${name} ilike ${contains(term.text)}`));
  }
  const filters: SQL[] = [];
  if (params.schoolId !== undefined) filters.push(eq(students.schoolId, params.schoolId));
  if (params.grade !== undefined) filters.push(eq(students.grade, params.grade));
  if (params.account !== undefined) {
    const associated = exists(
      db.select({ one: sql`1` }).from(associations)
        .where(and(eq(associations.studentId, students.id), isNull(associations.revokedAt))),
    );
    filters.push(params.account === "avec" ? associated : not(associated));
  }
  if (params.withoutGuardianEmail) {
    filters.push(not(exists(db.select({ one: sql`1` }).from(guardianEmails).where(eq(guardianEmails.studentId, students.id)))));
  }
  const where = and(scopeFilter(scope, { boardId: students.boardId, schoolId: students.schoolId }), condition, ...filters);
  const rows = await db
    .select({ id: students.id, lastName: students.lastName, firstName: students.firstName, schoolName: schools.name })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(where)
    .orderBy(asc(students.lastName), asc(students.firstName), asc(students.id))
    .limit(STUDENT_SEARCH_PAGE_SIZE)
    .offset((params.page - 1) * STUDENT_SEARCH_PAGE_SIZE);
  const [{ total }] = await db.select({ total: count() }).from(students).where(where);
  return { rows, total };
}

// ---------- measuring ----------

const cpuSpent = () => cpuSpentSoFar(db, applicationName);

async function timeMix(mix: BenchSearch[], run: (search: BenchSearch) => Promise<unknown>) {
  const times: { search: BenchSearch; ms: number }[] = [];
  for (const search of mix) {
    const started = performance.now();
    await run(search);
    times.push({ search, ms: performance.now() - started });
  }
  return times;
}

function grouped(times: { search: BenchSearch; ms: number }[], by: (search: BenchSearch) => string) {
  const groups = new Map<string, number[]>([["all searches", times.map((t) => t.ms)]]);
  for (const t of times) {
    const key = by(t.search);
    groups.set(key, [...(groups.get(key) ?? []), t.ms]);
  }
  return groups;
}

/**
 * The database CPU per search of each kind and scope: the mix's searches of that kind, three passes, the CPU of the
 * pool's backends before and after (a figure that varies far less with the machine's load than the times).
 */
async function cpuByKind(mix: BenchSearch[]) {
  const groups = new Map<string, BenchSearch[]>();
  for (const search of mix) {
    const key = `${search.kind} · ${search.scopeKind}`;
    groups.set(key, [...(groups.get(key) ?? []), search]);
  }
  console.log("\ndatabase CPU per search, by kind and scope (three passes)");
  for (const [key, searches] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const before = await cpuSpent();
    for (let pass = 0; pass < 3; pass += 1) {
      for (const search of searches) await searchStudents(search.scope, parseStudentSearch(search.url));
    }
    const after = await cpuSpent();
    const db = after.db === null || before.db === null ? "?" : ((after.db - before.db) / (3 * searches.length)).toFixed(2);
    console.log(`${key.padEnd(44)}${String(searches.length).padStart(5)} ${db.padStart(8)} ms`);
  }
}

/**
 * The name searches of the mix over a board or the province found both ways (walking the name index, through the
 * word index) and as searchStudents chooses: each must give the same page, total and next page; then each way's times and CPU per
 * search over three passes.
 */
async function compareNameWays(mix: BenchSearch[]) {
  const names = mix.filter(
    (search) =>
      search.scopeKind !== "schools" && !search.url.ecole && search.url.q && classifyStudentQuery(search.url.q).kind === "name",
  );
  const ways: Required<StudentSearchOptions>["nameIndex"][] = ["walk", "words", "auto"];
  const run = (search: BenchSearch, way: (typeof ways)[number]) =>
    searchStudents(search.scope, parseStudentSearch(search.url), { nameIndex: way });
  let differ = 0;
  for (const search of names) {
    const [walked, byWords, chosen] = await Promise.all(ways.map((way) => run(search, way)));
    const key = (r: typeof walked) => JSON.stringify([r.rows.map((row) => row.id), r.total, r.totalCapped, r.hasNextPage, r.sort]);
    if (key(walked) !== key(byWords) || key(walked) !== key(chosen)) {
      differ += 1;
      console.log(`DIFFERENT: ${JSON.stringify(search.url)}`);
    }
  }
  console.log(`\nname searches over a board or the province: ${names.length}, the three ways differ on ${differ}`);
  const groups = new Map<string, number[]>();
  for (const way of ways) {
    const before = await cpuSpent();
    const times: number[] = [];
    for (let pass = 0; pass < 3; pass += 1) {
      for (const search of names) {
        const started = performance.now();
        await run(search, way);
        times.push(performance.now() - started);
      }
    }
    const after = await cpuSpent();
    const perSearch = (spent: number) => (spent / (3 * names.length)).toFixed(2);
    groups.set(
      `${way}: CPU app ${perSearch(after.app - before.app)} + db ${after.db === null || before.db === null ? "?" : perSearch(after.db - before.db)}`,
      times,
    );
  }
  printTable("names over a board or the province, each way (three passes)", groups);
}

async function main() {
  const random = createRandom(BENCH_SEED ^ 0x5ea4c4);
  const [{ total }] = await db.select({ total: count() }).from(students);
  const samples = await sampleStudents(random, searchCount);
  const mix = buildMix(random, samples);
  console.log(`bench database: ${total.toLocaleString("en")} students; ${mix.length} searches (seed fixed)`);

  // One untimed pass: a running server has its indexes in memory.
  await timeMix(mix, (search) => searchStudents(search.scope, parseStudentSearch(search.url)));
  const cpuBefore = await cpuSpent();
  const timed = await timeMix(mix, (search) => searchStudents(search.scope, parseStudentSearch(search.url)));
  const cpuAfter = await cpuSpent();
  printTable("searchStudents — by kind of search", grouped(timed, (search) => search.kind));
  printTable("searchStudents — by scope", grouped(timed, (search) => `scope: ${search.scopeKind}`));

  if (args.explain) {
    console.log("\nslowest searches:");
    for (const t of [...timed].sort((a, b) => b.ms - a.ms).slice(0, 10)) {
      console.log(`${ms(t.ms)} ms  ${t.search.kind} · ${JSON.stringify(t.search.scope)} · ${JSON.stringify(t.search.url)}`);
    }
  }

  if (args["cpu-by-kind"]) await cpuByKind(mix);
  if (args["name-ways"]) await compareNameWays(mix);

  if (baselineCount > 0) {
    const baselineMix = mix.slice(0, baselineCount);
    const naive = await timeMix(baselineMix, (search) => naiveSearch(search.scope, parseStudentSearch(search.url)));
    const ours = timed.slice(0, baselineCount);
    printTable(`plain ILIKE '%…%' scans — the same ${baselineMix.length} searches`, grouped(naive, (search) => search.kind));
    const a = summary(ours.map((t) => t.ms));
    const b = summary(naive.map((t) => t.ms));
    console.log(
      `\nratio ILIKE / searchStudents on the same ${baselineMix.length} searches: ` +
        `p50 ×${(b.p50 / a.p50).toFixed(0)}, p95 ×${(b.p95 / a.p95).toFixed(0)}, p99 ×${(b.p99 / a.p99).toFixed(0)}`,
    );
  }
  const perSearch = (spent: number) => (spent / mix.length).toFixed(2);
  console.log(
    `\nCPU per search (timed pass): app ${perSearch(cpuAfter.app - cpuBefore.app)} ms` +
      (cpuBefore.db === null || cpuAfter.db === null ? "" : `, database backends ${perSearch(cpuAfter.db - cpuBefore.db)} ms`) +
      `; load average ${loadAverage()}`,
  );
  const all = summary(timed.map((t) => t.ms));
  console.log(`\ntarget p95 ≤ 10 ms: ${all.p95 <= 10 ? "met" : "NOT met"} (p95 ${all.p95.toFixed(2)} ms)`);
  await handle.close();
}

await main();
