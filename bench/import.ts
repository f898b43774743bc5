// Times the app's student record importer on a large CSV against PostgreSQL's own `psql \copy` of the same file
// into a bare table, and against `psql \copy` of the imported rows into tables with the same indexes as the live
// ones (what writing them costs at the least), in the same run; prints each and the ratios.
// Usage: npx tsx bench/import.ts [--rows 1000000] [--file path.csv]
// Database: BENCH_IMPORT_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/bench_import (dropped and
// created again on every run; never the tests' database nor bench/generate's "bench").
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
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

async function importThroughApp(file: string, adminId: string) {
  const scope: StaffScope = { kind: "all" };
  const run = await startImportRun({ scope, staffId: adminId, boardId: null, fileName: path.basename(file), totalBytes: statSync(file).size });
  if (!run.ok) throw new Error(run.error);
  const readStarted = performance.now();
  const timer = (phase: string, ms: number) => log(`    ${phase}: ${(ms / 1000).toFixed(2)} s`);
  const dryRun = await dryRunImport({ scope, runId: run.runId, source: createReadStream(file, { highWaterMark: 1 << 20 }), timer });
  const dryRunMs = performance.now() - readStarted;
  if (dryRun.status !== "ready") throw new Error(`dry run ${dryRun.status}: ${JSON.stringify(dryRun.failure)}`);
  const applyStarted = performance.now();
  const applied = await applyImport({ scope, staffId: adminId, runId: run.runId, timer });
  if (!applied.ok) throw new Error(applied.error);
  return { dryRunMs, applyMs: performance.now() - applyStarted, counts: applied.counts };
}

async function main() {
  const file = await csvFile();
  const size = statSync(file).size;
  log(`file ${path.relative(process.cwd(), file)}: ${(size / 1e6).toFixed(1)} MB`);
  const { handle, adminId } = await prepareDatabase();
  setDatabaseHandle(handle);
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

  console.log("");
  console.log(`rows                         ${rows.toLocaleString("en")}`);
  console.log(`psql \\copy (bare table)      ${(copyMs / 1000).toFixed(2)} s`);
  console.log(`importer dry run only        ${(first.dryRunMs / 1000).toFixed(2)} s   speed ratio ${(copyMs / first.dryRunMs).toFixed(2)}x of \\copy`);
  console.log(`importer dry run + apply     ${(firstMs / 1000).toFixed(2)} s   speed ratio ${(copyMs / firstMs).toFixed(2)}x of \\copy (target ≥ 0.8x)`);
  console.log(`\\copy into tables with the same indexes ${(indexedCopyMs / 1000).toFixed(2)} s   importer (dry run + apply) ${(indexedCopyMs / firstMs).toFixed(2)}x of it; apply alone ${(indexedCopyMs / first.applyMs).toFixed(2)}x`);
  console.log(`re-import, unchanged file    ${(secondMs / 1000).toFixed(2)} s   speed ratio ${(copyMs / secondMs).toFixed(2)}x of \\copy; ${((100 * secondMs) / firstMs).toFixed(0)} % of the first import (target ≤ 10 %)`);
  await handle.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
