// Writes the Quebec-scale data set as the import CSV (bench/out/) and loads it into PostgreSQL with COPY:
// boards, schools, students (search_name included), guardian emails, parent accounts, their associations and the
// association attempts that led there (bench/attempts.ts).
// Usage: npx tsx bench/generate.ts [--students 1500000] [--no-csv] [--no-load]
import { once } from "node:events";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import type { Writable } from "node:stream";
import postgres from "postgres";
import { openPostgres } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { schoolBoards, schools } from "@/db/schema";
import { benchDatabaseUrl, recreateDatabase } from "@/bench/bench-database";
import { BENCH_STUDENTS, benchBoards, benchSchools, benchStudents } from "@/bench/data-set";
import { importCsvLine, importHeaderLine, importValuesOf } from "@/lib/import/columns";
import { foldForSearch } from "@/lib/names";
import { createAttemptGenerator } from "@/bench/attempts";

const { values: args } = parseArgs({
  options: {
    students: { type: "string", default: String(BENCH_STUDENTS) },
    "no-csv": { type: "boolean", default: false },
    "no-load": { type: "boolean", default: false },
  },
});
const studentCount = Number(args.students);
if (!Number.isSafeInteger(studentCount) || studentCount <= 0) throw new Error("--students must be a positive integer");
const writeCsv = !args["no-csv"];
const load = !args["no-load"];

const started = performance.now();
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const log = (message: string) => console.log(`[${seconds(started).padStart(8)}] ${message}`);

/** Batches lines and respects the stream's backpressure, so millions of rows never pile up in memory. */
class LineSink {
  private buffer: string[] = [];
  private size = 0;
  constructor(private readonly stream: Writable) {}

  async push(line: string) {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 256 * 1024) await this.flush();
  }

  async flush() {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join("\n") + "\n";
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close() {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

/** A field of COPY's text format: "\N" for null; backslash, tab and line breaks escaped. */
function copyField(value: string | number | boolean | null): string {
  if (value === null) return "\\N";
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : text;
}
const copyLine = (...fields: (string | number | boolean | null)[]) => fields.map(copyField).join("\t");

/** Deterministic, well-formed UUIDs: the data set stays reproducible. */
const uuidOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

const LOADED_TABLES = ["students", "guardian_emails", "parent_accounts", "associations", "association_attempts"] as const;

async function main() {
  mkdirSync(path.join(import.meta.dirname, "out"), { recursive: true });
  const csvPath = path.join(import.meta.dirname, "out", `students-${studentCount}.csv`);
  const csv = writeCsv ? new LineSink(createWriteStream(csvPath, { encoding: "utf8" })) : null;
  await csv?.push(importHeaderLine());

  let url = "";
  let sql: postgres.Sql | null = null;
  let boardId = new Map<string, number>();
  let schoolId = new Map<string, number>();
  let droppedIndexes: string[] = [];
  if (load) {
    url = benchDatabaseUrl();
    await recreateDatabase(url);
    const handle = openPostgres(url, 1);
    await migrateDatabase(handle);
    const boardRows = await handle.db
      .insert(schoolBoards)
      .values(benchBoards.map(({ code, name, kind, subscribed, firstRegistrationUrl, otherSchoolUrl, nipLifetimeMinutes }) => ({
        code, name, kind, subscribed, firstRegistrationUrl, otherSchoolUrl, nipLifetimeMinutes,
      })))
      .returning({ id: schoolBoards.id, code: schoolBoards.code });
    boardId = new Map(boardRows.map((row) => [row.code, row.id]));
    const schoolRows = await handle.db
      .insert(schools)
      .values(benchSchools.map(({ boardCode, code, name, phone, email, address, website }) => ({
        boardId: boardId.get(boardCode)!, code, name, phone, email, address, website,
      })))
      .returning({ id: schools.id, boardId: schools.boardId, code: schools.code });
    schoolId = new Map(schoolRows.map((row) => [`${row.boardId}/${row.code}`, row.id]));
    await handle.close();
    log(`database ${new URL(url).pathname.slice(1)} created and migrated; ${boardRows.length} boards, ${schoolRows.length} schools`);

    sql = postgres(url, { max: LOADED_TABLES.length + 1, onnotice: () => {} });
    // Bulk-load practice (as pg_restore does): indexes are built once after the data, not row by row.
    // Indexes that back a constraint (primary keys, UNIQUE constraints) stay.
    const indexes = await sql<{ name: string; definition: string }[]>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i
      where i.indrelid = any(${LOADED_TABLES.map((t) => `public.${t}`)}::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
    for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
    droppedIndexes = indexes.map((index) => index.definition);
  }

  const copies = new Map<string, { sink: LineSink; release: () => void }>();
  async function openCopy(table: string, columns: string[]) {
    const connection = await sql!.reserve();
    // Foreign keys are not checked row by row during the load, and triggers do not run (students.has_guardian_email
    // is written directly): the generator's data is consistent by construction.
    await connection`set session_replication_role = replica`;
    const stream = await connection.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
    copies.set(table, { sink: new LineSink(stream), release: () => connection.release() });
    return copies.get(table)!.sink;
  }
  const [studentCopy, emailCopy, accountCopy, associationCopy, attemptCopy] = load
    ? await Promise.all([
        openCopy("students", ["id", "board_id", "school_id", "fiche", "code_permanent", "last_name", "first_name", "birth_date", "grade", "search_name", "has_guardian_email"]),
        openCopy("guardian_emails", ["id", "student_id", "email", "position"]),
        openCopy("parent_accounts", ["id", "email", "password_hash", "email_verified_at", "locale", "created_at"]),
        openCopy("associations", ["id", "parent_account_id", "student_id", "method", "created_at"]),
        openCopy("association_attempts", [
          "id", "parent_account_id", "method", "board_id", "typed", "success", "reasons", "candidate_student_id", "ip",
          "user_agent", "created_at",
        ]),
      ])
    : [null, null, null, null, null];

  const counts = { students: 0, guardianEmails: 0, parentAccounts: 0, associations: 0, attempts: 0 };
  const attemptsOf = createAttemptGenerator();
  let accountFamily = -1;
  let accountId = "";
  let accountCreated = new Date(0);
  const generationStarted = performance.now();
  for (const student of benchStudents(studentCount)) {
    counts.students += 1;
    await csv?.push(importCsvLine(importValuesOf(student)));
    if (load) {
      const board = boardId.get(student.boardCode)!;
      await studentCopy!.push(
        copyLine(
          student.id, board, schoolId.get(`${board}/${student.schoolCode}`)!, student.fiche, student.codePermanent,
          student.lastName, student.firstName, student.birthDate, student.grade,
          foldForSearch(`${student.lastName} ${student.firstName}`), student.guardianEmails.length > 0,
        ),
      );
      for (const [i, email] of student.guardianEmails.entries()) {
        counts.guardianEmails += 1;
        await emailCopy!.push(copyLine(counts.guardianEmails, student.id, email, i + 1));
      }
      if (student.associated) {
        const accountEmail = student.guardianEmails[0]!;
        const firstChild = student.familyIndex !== accountFamily;
        const attempts = attemptsOf(student, board, accountEmail, firstChild ? undefined : accountCreated);
        if (firstChild) {
          accountFamily = student.familyIndex;
          counts.parentAccounts += 1;
          accountId = uuidOf(counts.parentAccounts);
          accountCreated = new Date(attempts[0]!.createdAt.getTime() - 10 * 60_000);
          const created = accountCreated.toISOString();
          await accountCopy!.push(copyLine(accountId, accountEmail, "bench:no-password", created, "fr", created));
        }
        for (const attempt of attempts) {
          counts.attempts += 1;
          await attemptCopy!.push(
            copyLine(
              uuidOf(counts.attempts), accountId, "match", board, JSON.stringify(attempt.typed), attempt.success,
              JSON.stringify(attempt.reasons), attempt.candidateStudentId, attempt.ip, attempt.userAgent,
              attempt.createdAt.toISOString(),
            ),
          );
        }
        counts.associations += 1;
        const associated = attempts.at(-1)!.createdAt.toISOString();
        await associationCopy!.push(copyLine(uuidOf(counts.associations), accountId, student.id, "match", associated));
      }
    } else {
      counts.guardianEmails += student.guardianEmails.length;
    }
    if (counts.students % 250_000 === 0) log(`${counts.students.toLocaleString("en")} students generated`);
  }
  await csv?.close();
  for (const { sink, release } of copies.values()) {
    await sink.close();
    release();
  }
  log(`generated${load ? " and copied" : ""} in ${seconds(generationStarted)}: ${JSON.stringify(counts)}`);
  if (csv) log(`CSV: ${path.relative(process.cwd(), csvPath)}`);

  if (sql) {
    // The load ran without triggers: each attempt's names for the province's search by name (search_names, migration
    // 0034) are written once, before the indexes are built (its own trigger would compute them a second time).
    const namesStarted = performance.now();
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update association_attempts set search_names = attempt_search_names(typed, candidate_student_id)`;
    });
    log(`attempts' search names written in ${seconds(namesStarted)}`);
    const indexStarted = performance.now();
    for (const table of ["students", "guardian_emails"]) {
      await sql.unsafe(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
    }
    // Two at a time: the machine this was tuned on has two cores.
    const pending = [...droppedIndexes];
    await Promise.all(
      [0, 1].map(async () => {
        const connection = await sql!.reserve();
        await connection`set maintenance_work_mem = '1GB'`;
        for (let definition = pending.shift(); definition; definition = pending.shift()) {
          const one = performance.now();
          await connection.unsafe(definition);
          log(`  ${definition.replace(/ USING .*| ON .*/, "").replace("CREATE ", "").toLowerCase()} ${seconds(one)}`);
        }
        connection.release();
      }),
    );
    log(`indexes rebuilt in ${seconds(indexStarted)}`);
    // The load ran without triggers: the figures' per-day totals (daily_figures, migration 0021) are computed once.
    const figuresStarted = performance.now();
    await sql.begin(async (tx) => {
      await tx`set local work_mem = '256MB'`;
      await tx`select rebuild_daily_figures()`;
      // And the dashboard's student counts per school (migration 0029), kept by triggers too.
      await tx`select rebuild_school_student_counts()`;
    });
    log(`figures' per-day totals computed in ${seconds(figuresStarted)}`);
    // Nor did the trigger that lists the names' words for the name search (student_name_words, migration 0030).
    const wordsStarted = performance.now();
    await sql`insert into student_name_words (word)
      select distinct w from students, unnest(string_to_array(search_name, ' ')) as w where w <> ''`;
    log(`names' words listed in ${seconds(wordsStarted)}`);
    const vacuumStarted = performance.now();
    await sql.unsafe(
      `vacuum (analyze) ${["school_boards", "schools", ...LOADED_TABLES, "student_name_words", "daily_figures", "daily_children", "daily_failure_reasons", "school_student_counts"].join(", ")}`,
    );
    log(`vacuum analyze in ${seconds(vacuumStarted)}`);
    for (const table of ["school_boards", "schools", ...LOADED_TABLES]) {
      const [row] = await sql.unsafe<{ rows: number; size: string }[]>(
        `select (select count(*)::int from ${table}) as rows, pg_size_pretty(pg_total_relation_size('${table}')) as size`,
      );
      log(`  ${table.padEnd(16)} ${String(row!.rows).padStart(10)} rows  ${row!.size} with indexes`);
    }
    await sql.end();
  }
  log(`done in ${seconds(started)}`);
}

await main();
