// The staging table of one import run: created per run, filled while the file streams in, dropped once applied.
// On PostgreSQL it is filled with COPY FROM STDIN (postgres.js); on PGlite with multi-row INSERTs of one shape.
import { finished } from "node:stream/promises";
import { sql } from "drizzle-orm";
import { date, integer, pgTable, text } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { databaseHandle, type Executor } from "@/db/client";
import type { StageRecord } from "@/lib/import/reader";

export function stagingTableName(runId: number): string {
  if (!Number.isSafeInteger(runId) || runId <= 0) throw new RangeError("bad import run id");
  return `import_stage_${runId}`;
}

/** The staging table as a drizzle table, so the diff queries are written with the query builder. */
export function stagingTable(runId: number) {
  return pgTable(stagingTableName(runId), {
    line: integer().notNull(),
    boardId: integer().notNull(),
    fiche: text().notNull(),
    /** Null for a valid row; otherwise the reason the line was rejected (the student is still named, so kept). */
    rejected: text(),
    schoolId: integer(),
    codePermanent: text(),
    lastName: text(),
    firstName: text(),
    birthDate: date({ mode: "string" }),
    grade: text(),
    searchName: text(),
    email1: text(),
    email2: text(),
  });
}

export type StagingTable = ReturnType<typeof stagingTable>;

const COLUMNS = [
  "line", "board_id", "fiche", "rejected", "school_id", "code_permanent", "last_name", "first_name", "birth_date",
  "grade", "search_name", "email1", "email2",
] as const;

/** Unlogged: the rows live for minutes and are re-created from the file if the server crashes. */
export async function createStagingTable(executor: Executor, runId: number) {
  await executor.execute(
    sql.raw(`create unlogged table if not exists "${stagingTableName(runId)}" (
      line integer not null, board_id integer not null, fiche text not null, rejected text, school_id integer,
      code_permanent text, last_name text, first_name text, birth_date date, grade text, search_name text,
      email1 text, email2 text)`),
  );
}

/** Fresh statistics, so the diff joins are planned for the real row count (hash joins, not nested loops). */
export async function analyzeStagingTable(executor: Executor, runId: number) {
  await executor.execute(sql.raw(`analyze "${stagingTableName(runId)}"`));
}

export async function dropStagingTable(executor: Executor, runId: number) {
  await executor.execute(sql.raw(`drop table if exists "${stagingTableName(runId)}"`));
}

type StagingRow = StagingTable["$inferInsert"];

function rowOf(record: StageRecord): StagingRow {
  if (record.student) return { line: record.line, rejected: null, ...record.student };
  return { line: record.line, boardId: record.identity.boardId, fiche: record.identity.fiche, rejected: record.rejected };
}

/** The values in COLUMNS order. */
function valuesOf(record: StageRecord): (string | number | null)[] {
  const r = rowOf(record);
  return [
    r.line, r.boardId, r.fiche, r.rejected ?? null, r.schoolId ?? null, r.codePermanent ?? null, r.lastName ?? null,
    r.firstName ?? null, r.birthDate ?? null, r.grade ?? null, r.searchName ?? null, r.email1 ?? null, r.email2 ?? null,
  ];
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value in COPY's text format. */
function copyField(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return NEEDS_ESCAPE.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : value;
}

export type StagingWriter = { write: (records: StageRecord[]) => Promise<void>; close: () => Promise<void>; abort: () => Promise<void> };

async function copyWriter(client: Sql, runId: number): Promise<StagingWriter> {
  const target = client.unsafe(`copy "${stagingTableName(runId)}" (${COLUMNS.join(", ")}) from stdin`);
  const stream = await target.writable();
  let failed: unknown = null;
  stream.on("error", (error) => (failed = error));
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        stream.off("drain", done);
        stream.off("error", done);
        resolve();
      };
      stream.on("drain", done);
      stream.on("error", done);
    });
  return {
    async write(records) {
      if (failed) throw failed;
      let text = "";
      for (const record of records) text += valuesOf(record).map(copyField).join("\t") + "\n";
      if (!stream.write(text)) await drained();
      if (failed) throw failed;
    },
    async close() {
      if (failed) throw failed;
      stream.end();
      await finished(stream);
    },
    async abort() {
      stream.destroy(new Error("import aborted"));
      await target.catch(() => undefined);
    },
  };
}

function insertWriter(executor: Executor, runId: number): StagingWriter {
  const table = stagingTable(runId);
  return {
    async write(records) {
      if (records.length > 0) await executor.insert(table).values(records.map(rowOf));
    },
    async close() {},
    async abort() {},
  };
}

/** COPY on PostgreSQL (the fast path for large files), INSERT batches on PGlite; the rows end up the same. */
export async function openStagingWriter(runId: number): Promise<StagingWriter> {
  const handle = databaseHandle();
  if (handle.kind === "postgres") return copyWriter((handle.db as unknown as { $client: Sql }).$client, runId);
  return insertWriter(handle.db, runId);
}
