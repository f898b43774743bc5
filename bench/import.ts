// Times the app's student record importer on a large CSV against PostgreSQL's own `psql \copy` of the same file
// into a bare table, and against `psql \copy` of the imported rows into tables with the same indexes as the live
// ones (what writing them costs at the least), in the same run; prints each and the ratios.
// Usage: npx tsx bench/import.ts [--rows 1000000] [--file path.csv]
// Database: BENCH_IMPORT_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/bench_import (dropped and
// created again on every run; never the tests' database nor bench/generate's "bench").
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openPostgres, setDatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { schoolBoards, schools, staffUsers } from "@/db/schema";
import { applyImport, dryRunImport, startImportRun } from "@/db/queries/student-import";
import { databaseName, DEFAULT_SERVER_URL, recreateDatabase } from "@/bench/bench-database";
import { benchBoards, benchSchools, benchStudents } from "@/bench/data-set";
import { importCsvLine, importHeaderLine, importValuesOf } from "@/lib/import/columns";
import type { StaffScope } from "@/lib/auth/scope";

const { values: args } = parseArgs({
  options: { rows: { type: "string", default: "1000000" }, file: { type: "string" } },
});
const rows = Number(args.rows);
if (!Number.isSafeInteger(rows) || rows <= 0) throw new Error("--rows must be a positive integer");

const url = process.env.BENCH_IMPORT_DATABASE_URL ?? `${DEFAULT_SERVER_URL}/bench_import`;
if (["test", "bench"].includes(databaseName(url))) throw new Error(`refusing to drop database "${databaseName(url)}"`);

const started = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s] ${message}`);
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en")} rows/s`;

/** bench/generate's CSV when it exists with exactly this many rows; otherwise the same data set written here. */
async function csvFile(): Promise<string> {
  if (args.file) return args.file;
  const out = path.join(import.meta.dirname, "out");
  const generated = path.join(out, `students-${rows}.csv`);
  if (existsSync(generated)) return generated;
  const own = path.join(out, `import-${rows}.csv`);
  if (existsSync(own)) return own;
  mkdirSync(out, { recursive: true });
  log(`writing ${own} (${rows.toLocaleString("en")} rows of the bench data set)`);
  const stream = createWriteStream(own);
  let chunk = importHeaderLine() + "\n";
  for (const student of benchStudents(rows)) {
    chunk += importCsvLine(importValuesOf(student)) + "\n";
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await once(stream, "drain");
      chunk = "";
    }
  }
  stream.end(chunk);
  await finished(stream);
  return own;
}

async function prepareDatabase() {
  await recreateDatabase(url);
  const handle = openPostgres(url, 4);
  await migrateDatabase(handle);
  const boardRows = await handle.db
    .insert(schoolBoards)
    .values(benchBoards.map(({ code, name, kind, subscribed }) => ({ code, name, kind, subscribed })))
    .returning({ id: schoolBoards.id, code: schoolBoards.code });
  const boardId = new Map(boardRows.map((b) => [b.code, b.id]));
  await handle.db
    .insert(schools)
    .values(benchSchools.map(({ boardCode, code, name }) => ({ boardId: boardId.get(boardCode)!, code, name })));
  const [admin] = await handle.db
    .insert(staffUsers)
    .values({ email: "bench-admin@example.ca", name: "Bench", role: "admin" })
    .returning({ id: staffUsers.id });
  // The bare table psql copies into: the file's ten text columns, no constraint, no index.
  await handle.db.execute(
    sql.raw(`create table raw_import (organisme text, ecole text, fiche text, code_permanent text, nom text, prenom text,
      date_naissance text, niveau text, courriel_1 text, courriel_2 text)`),
  );
  return { handle, adminId: admin!.id };
}

function psqlCopy(file: string): number {
  const begin = performance.now();
  const result = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-c", `\\copy raw_import from '${file}' with (format csv, header true)`], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr || result.error}`);
  return performance.now() - begin;
}

/**
 * The floor of writing the imported rows: `psql \copy` of what the importer wrote (students, guardian emails)
 * into empty tables made `like` the live ones, with all their indexes (trigram index included), no foreign key.
 */
function psqlCopyIntoIndexedTables(): number {
  const dump = (table: string) => path.join(import.meta.dirname, "out", `floor-${table}.copy`);
  const psql = (command: string) => {
    const result = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-c", command], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`psql failed: ${result.stderr || result.error}`);
  };
  for (const table of ["students", "guardian_emails"]) {
    psql(`\\copy ${table} to '${dump(table)}'`);
    psql(`drop table if exists floor_${table}; create table floor_${table} (like ${table} including all)`);
  }
  const begin = performance.now();
  for (const table of ["students", "guardian_emails"]) psql(`\\copy floor_${table} from '${dump(table)}'`);
  return performance.now() - begin;
}

// ---------- CPU, from /proc: on a shared machine wall time says as much about the neighbours as about the importer ----------

const CLK_TCK = 100; // Linux's USER_HZ

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

type Cpu = { app: number; db: number };
let backendPids: () => Promise<number[]> = async () => [];

/** CPU seconds of this process and of the bench database's backends (a backend opened meanwhile starts at 0). */
async function cpuSince(begin: { app: NodeJS.CpuUsage; db: Map<number, number> } | null) {
  const db = new Map((await backendPids()).map((pid) => [pid, ticksOf(pid)] as const));
  if (begin === null) return { mark: { app: process.cpuUsage(), db }, spent: { app: 0, db: 0 } };
  const app = process.cpuUsage(begin.app);
  let ticks = 0;
  for (const [pid, end] of db) ticks += end - (begin.db.get(pid) ?? 0);
  return { mark: begin, spent: { app: (app.user + app.system) / 1e6, db: ticks / CLK_TCK } };
}

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpu: Cpu }> {
  const { mark } = await cpuSince(null);
  const begin = performance.now();
  const result = await work();
  const ms = performance.now() - begin;
  return { result, ms, cpu: (await cpuSince(mark)).spent };
}

const cpuText = (cpu: Cpu) => `CPU ${(cpu.app + cpu.db).toFixed(1)} s (app ${cpu.app.toFixed(1)} + database ${cpu.db.toFixed(1)})`;

async function importThroughApp(file: string, adminId: string) {
  const scope: StaffScope = { kind: "all" };
  const run = await startImportRun({ scope, staffId: adminId, boardId: null, fileName: path.basename(file), totalBytes: statSync(file).size });
  if (!run.ok) throw new Error(run.error);
  const timer = (phase: string, ms: number) => log(`    ${phase}: ${(ms / 1000).toFixed(2)} s`);
  const dryRun = await measured(() =>
    dryRunImport({ scope, runId: run.runId, source: createReadStream(file, { highWaterMark: 1 << 20 }), timer }),
  );
  if (dryRun.result.status !== "ready") throw new Error(`dry run ${dryRun.result.status}: ${JSON.stringify(dryRun.result.failure)}`);
  log(`  dry run ${(dryRun.ms / 1000).toFixed(2)} s, ${cpuText(dryRun.cpu)}`);
  const apply = await measured(() => applyImport({ scope, staffId: adminId, runId: run.runId, timer }));
  if (!apply.result.ok) throw new Error(apply.result.error);
  log(`  apply ${(apply.ms / 1000).toFixed(2)} s, ${cpuText(apply.cpu)}`);
  return {
    dryRunMs: dryRun.ms,
    applyMs: apply.ms,
    cpu: { app: dryRun.cpu.app + apply.cpu.app, db: dryRun.cpu.db + apply.cpu.db },
    counts: apply.result.counts,
  };
}

async function main() {
  const file = await csvFile();
  const size = statSync(file).size;
  log(`file ${path.relative(process.cwd(), file)}: ${(size / 1e6).toFixed(1)} MB`);
  const { handle, adminId } = await prepareDatabase();
  setDatabaseHandle(handle);
  backendPids = async () =>
    (await handle.db.execute<{ pid: number }>(sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`)).map((r) => r.pid);
  log(`load average ${loadAverage()}`);
  log(`database ${databaseName(url)} created and migrated; ${benchBoards.length} boards, ${benchSchools.length} schools`);

  const copyMs = psqlCopy(file);
  log(`psql \\copy into a bare table: ${(copyMs / 1000).toFixed(2)} s (${rate(rows, copyMs)})`);

  const first = await importThroughApp(file, adminId);
  const firstMs = first.dryRunMs + first.applyMs;
  log(
    `importer, empty board tables: dry run ${(first.dryRunMs / 1000).toFixed(2)} s + apply ${(first.applyMs / 1000).toFixed(2)} s` +
      ` = ${(firstMs / 1000).toFixed(2)} s (${rate(rows, firstMs)}); ${JSON.stringify({ new: first.counts.newStudents, rejected: first.counts.rejected })}`,
  );

  const indexedCopyMs = psqlCopyIntoIndexedTables();
  log(`psql \\copy of the imported rows into tables with the same indexes: ${(indexedCopyMs / 1000).toFixed(2)} s`);

  const second = await importThroughApp(file, adminId);
  const secondMs = second.dryRunMs + second.applyMs;
  log(
    `importer, same file again (nothing to change): dry run ${(second.dryRunMs / 1000).toFixed(2)} s + apply ${(second.applyMs / 1000).toFixed(2)} s` +
      ` = ${(secondMs / 1000).toFixed(2)} s; ${JSON.stringify({ unchanged: second.counts.unchanged, new: second.counts.newStudents })}`,
  );

  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  console.log("");
  console.log(`rows                                        ${rows.toLocaleString("en")}; load average at the end ${loadAverage()}`);
  console.log(`psql \\copy into a bare table                ${(copyMs / 1000).toFixed(2)} s`);
  console.log(`psql \\copy into tables with the same indexes ${(indexedCopyMs / 1000).toFixed(2)} s (students and guardian emails as imported)`);
  console.log(`importer dry run                            ${(first.dryRunMs / 1000).toFixed(2)} s`);
  console.log(`importer apply                              ${(first.applyMs / 1000).toFixed(2)} s`);
  console.log(`importer dry run + apply                    ${(firstMs / 1000).toFixed(2)} s, ${cpuText(first.cpu)}`);
  console.log(`re-import of the same file (dry run + apply) ${(secondMs / 1000).toFixed(2)} s, ${cpuText(second.cpu)}`);
  console.log(`importer / bare copy                        ${ratio(firstMs, copyMs)}`);
  console.log(`importer / indexed copy                     ${ratio(firstMs, indexedCopyMs)} (apply alone ${ratio(first.applyMs, indexedCopyMs)})`);
  console.log(`re-import / first import                    ${((100 * secondMs) / firstMs).toFixed(0)} % (target ≤ 10 %); CPU ${((100 * (second.cpu.app + second.cpu.db)) / (first.cpu.app + first.cpu.db)).toFixed(0)} %`);
  await handle.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
