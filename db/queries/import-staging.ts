// The staging table of one import run: created per run, filled while the file streams in, dropped once applied.
// On PostgreSQL it is filled with COPY FROM STDIN (postgres.js); on PGlite with multi-row INSERTs of one shape.
import { finished } from "node:stream/promises";
import { sql } from "drizzle-orm";
import { date, integer, pgTable, text } from "drizzle-orm/pg-core";
import { bigintText } from "@/db/schema";
import type { Sql } from "postgres";
import { databaseHandle, type Executor } from "@/db/client";
import { IMPORT_COLUMNS } from "@/lib/import/columns";
import type { ColumnPositions } from "@/lib/import/header";
import type { RawFormat, RawRecord, StageRecord } from "@/lib/import/reader";

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
    /** The raw line's fingerprint, written to the student by the apply (null for a line not read from the raw table). */
    fingerprint: bigintText(),
  });
}

export type StagingTable = ReturnType<typeof stagingTable>;

const COLUMNS = [
  "line", "board_id", "fiche", "rejected", "school_id", "code_permanent", "last_name", "first_name", "birth_date",
  "grade", "search_name", "email1", "email2", "fingerprint",
] as const;

/** Unlogged: the rows live for minutes and are re-created from the file if the server crashes. */
export async function createStagingTable(executor: Executor, runId: number) {
  await executor.execute(
    sql.raw(`create unlogged table if not exists "${stagingTableName(runId)}" (
      line integer not null, board_id integer not null, fiche text not null, rejected text, school_id integer,
      code_permanent text, last_name text, first_name text, birth_date date, grade text, search_name text,
      email1 text, email2 text, fingerprint bigint)`),
  );
}

/** Fresh statistics, so the diff joins are planned for the real row count (hash joins, not nested loops). */
export async function analyzeStagingTable(executor: Executor, runId: number) {
  await executor.execute(sql.raw(`analyze "${stagingTableName(runId)}"`));
}

/** Drops the run's staging table and, if still there, its raw lines and the lines left to check in the app. */
export async function dropStagingTable(executor: Executor, runId: number) {
  await executor.execute(
    sql.raw(`drop table if exists "${stagingTableName(runId)}", "${rawTableName(runId)}", "${recheckTableName(runId)}", "${sameTableName(runId)}"`),
  );
}

// ---------- the raw lines: the file's fields as text, parsed by the database, checked in SQL ----------

/** The file's lines as they came, one text column per field of the header (f0, f1, …), before any check. */
export function rawTableName(runId: number): string {
  return `import_raw_${stagingTableName(runId).slice("import_stage_".length)}`;
}

/** The raw lines recognised as their student's current values, neither checked nor staged (import-unchanged.ts). */
export function sameTableName(runId: number): string {
  return `import_same_${stagingTableName(runId).slice("import_stage_".length)}`;
}

/** The raw lines the SQL checks did not accept, checked again (and explained) in the app. */
export function recheckTableName(runId: number): string {
  return `import_recheck_${stagingTableName(runId).slice("import_stage_".length)}`;
}

export const rawColumn = (position: number) => `f${position}`;

function rawColumns(fieldCount: number): string[] {
  return Array.from({ length: fieldCount }, (_, i) => rawColumn(i));
}

/**
 * The version of the rules, the first field's seed. Bumped when a check or a normalisation of the import changes: a
 * line then no longer vouches for the values an older version of the rules wrote, and every line is checked again
 * once. (Version 1 was an MD5 of the fields, migration 0026.)
 */
const FINGERPRINT_RULES = 2;

/**
 * A raw line's fingerprint: a 64-bit hash of its fields in the column order of IMPORT_COLUMNS (whatever the file's
 * order), each field hashed (PostgreSQL's hashtextextended, the hash of hash partitioning, stable across versions)
 * with the previous fields' hash as its seed, the first with the rules' version. Each field is hashed with its
 * length, so the fields' boundaries count. About a quarter of the CPU of an MD5 of the fields joined (which also
 * had to concatenate them and format the digest as a uuid): 0.2 instead of 1.6 CPU-s a million lines.
 *
 * 64 bits are enough because a fingerprint is only ever compared with the one its own student (the same board and
 * fiche, import-unchanged.ts) kept from the line that last wrote it: a changed line is taken for unchanged only if
 * its hash equals that one line's, about one chance in 2^64 per changed line. It is no cryptographic hash: a line
 * written on purpose to collide with its student's previous line would leave that student as it was, which its
 * writer could have done by sending the previous line; it can never make other values pass unchecked.
 */
function fingerprintOf(positions: ColumnPositions): string {
  return IMPORT_COLUMNS.reduce(
    (seed, column) => `hashtextextended(${rawColumn(positions[column])}, ${seed})`,
    String(FINGERPRINT_RULES),
  );
}

/** The raw lines' table, with each line's fingerprint computed by the database as the line is copied in. */
export async function createRawTable(executor: Executor, runId: number, format: Omit<RawFormat, "delimiter">) {
  const { fieldCount, positions } = format;
  if (!Number.isSafeInteger(fieldCount) || fieldCount <= 0 || fieldCount > 1000) throw new RangeError("bad field count");
  for (const column of IMPORT_COLUMNS) {
    const position = positions[column];
    if (!Number.isSafeInteger(position) || position < 0 || position >= fieldCount) throw new RangeError("bad column position");
  }
  await executor.execute(
    sql.raw(`create unlogged table "${rawTableName(runId)}" (line integer not null, ${rawColumns(fieldCount).map((c) => `${c} text not null`).join(", ")},
      fingerprint bigint generated always as (${fingerprintOf(positions)}) stored)`),
  );
}

export type RawWriter = {
  write: (records: RawRecord[]) => Promise<void>;
  /** Lines already in COPY's form (`<line><delimiter><record>\n`, UTF-8): the reader's bytes (lib/import/reader.ts). */
  writeBytes?: (bytes: Uint8Array) => Promise<void>;
  close: () => Promise<void>;
  abort: () => Promise<void>;
};

/**
 * COPY … (FORMAT csv) of the lines as written in the file (the server parses them), each prefixed with its line
 * number: nothing is parsed or checked in the app. Empty fields are empty strings, not nulls (FORCE_NOT_NULL).
 */
async function rawCopyWriter(client: Sql, runId: number, format: RawFormat): Promise<RawWriter> {
  const columns = rawColumns(format.fieldCount);
  const target = client.unsafe(
    `copy "${rawTableName(runId)}" (line, ${columns.join(", ")}) from stdin ` +
      `(format csv, delimiter '${format.delimiter}', force_not_null (${columns.join(", ")}))`,
  );
  return streamWriter(target, (records) => {
    let text = "";
    for (const record of records) text += `${record.line}${format.delimiter}${record.text}\n`;
    return text;
  });
}

/** PGlite has no COPY FROM STDIN through the driver: the fields, split here, in multi-row INSERTs. */
function rawInsertWriter(executor: Executor, runId: number, format: RawFormat): RawWriter {
  const table = sql.raw(`"${rawTableName(runId)}" (line, ${rawColumns(format.fieldCount).join(", ")})`);
  const rowsPerInsert = Math.max(1, Math.floor(30_000 / (format.fieldCount + 1)));
  return {
    async write(records) {
      for (let i = 0; i < records.length; i += rowsPerInsert) {
        const rows = records.slice(i, i + rowsPerInsert).map((record) => {
          const fields = record.fields ?? record.text.split(format.delimiter);
          return sql`(${record.line}, ${sql.join(fields.map((f) => sql`${f}`), sql`, `)})`;
        });
        await executor.execute(sql`insert into ${table} values ${sql.join(rows, sql`, `)}`);
      }
    },
    async close() {},
    async abort() {},
  };
}

/** Whether the raw lines' writer takes bytes (COPY, on PostgreSQL): the reader then hands most lines over undecoded. */
export function rawWriterTakesBytes(): boolean {
  return databaseHandle().kind === "postgres";
}

export async function openRawWriter(runId: number, format: RawFormat): Promise<RawWriter> {
  const handle = databaseHandle();
  await createRawTable(handle.db, runId, format);
  if (handle.kind === "postgres") return rawCopyWriter((handle.db as unknown as { $client: Sql }).$client, runId, format);
  return rawInsertWriter(handle.db, runId, format);
}

type StagingRow = StagingTable["$inferInsert"];

/** A checked line as a row of the staging table. */
export function stagingRowOf(record: StageRecord): StagingRow {
  if (record.student) return { line: record.line, rejected: null, ...record.student, fingerprint: record.fingerprint ?? null };
  return { line: record.line, boardId: record.identity.boardId, fiche: record.identity.fiche, rejected: record.rejected };
}

/** The values in COLUMNS order. */
function valuesOf(record: StageRecord): (string | number | null)[] {
  const r = stagingRowOf(record);
  return [
    r.line, r.boardId, r.fiche, r.rejected ?? null, r.schoolId ?? null, r.codePermanent ?? null, r.lastName ?? null,
    r.firstName ?? null, r.birthDate ?? null, r.grade ?? null, r.searchName ?? null, r.email1 ?? null, r.email2 ?? null,
    r.fingerprint ?? null,
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

/** A COPY FROM STDIN stream that waits for the socket to drain (backpressure) and reports the server's error. */
async function streamWriter<T>(target: ReturnType<Sql["unsafe"]>, encode: (records: T[]) => string) {
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
  async function send(data: Uint8Array | string) {
    if (failed) throw failed;
    if (!stream.write(data)) await drained();
    if (failed) throw failed;
  }
  return {
    write: (records: T[]) => send(encode(records)),
    writeBytes: send,
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

async function copyWriter(client: Sql, runId: number): Promise<StagingWriter> {
  const target = client.unsafe(`copy "${stagingTableName(runId)}" (${COLUMNS.join(", ")}) from stdin`);
  return streamWriter<StageRecord>(target, (records) => {
    let text = "";
    for (const record of records) text += valuesOf(record).map(copyField).join("\t") + "\n";
    return text;
  });
}

function insertWriter(executor: Executor, runId: number): StagingWriter {
  const table = stagingTable(runId);
  return {
    async write(records) {
      if (records.length > 0) await executor.insert(table).values(records.map(stagingRowOf));
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
