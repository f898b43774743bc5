// Streams an import file: decode, parse CSV, check the header, validate each row, hand rows over in batches.
// No I/O of its own: the caller gives the bytes and a sink, so the same code runs in the app, the bench and tests.
import { parse, type InfoRecord, type Parser } from "csv-parse";
import type { ImportDelimiter } from "@/lib/import/columns";
import { ImportDecoder, type DetectedEncoding } from "@/lib/import/encoding";
import { checkHeader, detectDelimiter, MAX_HEADER_LENGTH, type HeaderCheck } from "@/lib/import/header";
import type { FailureReport, ReadCounts, RejectedLine, RejectionReason } from "@/lib/import/report";
import { validateRow, type RowContext, type StagedStudent, type StudentIdentity } from "@/lib/import/row";

/** A line kept for the dry run: a valid student, or a rejected line that still names its student. */
export type StageRecord =
  | { line: number; student: StagedStudent; rejected?: undefined }
  | { line: number; rejected: RejectionReason; identity: StudentIdentity; student?: undefined };

export type ReadProgress = { bytesRead: number; lines: number };

export type ReadOptions = Omit<RowContext, "positions" | "fieldCount"> & {
  /** Receives the kept lines in file order; awaited, so a slow sink slows the reading (backpressure). */
  onBatch: (records: StageRecord[]) => Promise<void>;
  onProgress?: (progress: ReadProgress) => void | Promise<void>;
  batchSize?: number;
  rejectedSampleSize?: number;
  /** This many unreadable lines in a row (wrong field count, bad bytes) means the file is not an export at all. */
  maxConsecutiveUnreadable?: number;
  /** A record longer than this means a quote was never closed; the rest of the file cannot be trusted. */
  maxRecordSize?: number;
};

export type ReadResult = {
  bytesRead: number;
  encoding: DetectedEncoding;
  delimiter: ImportDelimiter | null;
  counts: ReadCounts;
  rejectedSample: RejectedLine[];
  /** Set when the whole file is refused; then nothing it contained may be applied. */
  failure: FailureReport | null;
};

const UNREADABLE_REASONS: ReadonlySet<RejectionReason> = new Set(["bad_row", "bad_encoding"]);
// After these csv-parse errors the parser cannot find the next record: everything after is lost.
const FATAL_PARSE_ERRORS = new Set(["CSV_QUOTE_NOT_CLOSED", "CSV_MAX_RECORD_SIZE"]);

class StopReading extends Error {}

function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field !== "" && field.trim() !== "") return false;
  return true;
}

function newlinesIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    if (!field.includes("\n")) continue;
    for (const char of field) if (char === "\n") count++;
  }
  return count;
}

export async function readImportFile(source: AsyncIterable<Uint8Array>, options: ReadOptions): Promise<ReadResult> {
  const batchSize = options.batchSize ?? 2000;
  const sampleSize = options.rejectedSampleSize ?? 100;
  const maxUnreadable = options.maxConsecutiveUnreadable ?? 1000;
  const decoder = new ImportDecoder();
  const counts: ReadCounts = { lines: 0, valid: 0, rejected: 0, rejectedByReason: {} };
  const rejectedSample: RejectedLine[] = [];
  let failure: FailureReport | null = null;
  let delimiter: ImportDelimiter | null = null;
  let header: Extract<HeaderCheck, { ok: true }> | null = null;
  let rowContext: RowContext | null = null;
  let batch: StageRecord[] = [];
  let consecutiveUnreadable = 0;
  let bytesRead = 0;

  const result = (): ReadResult => ({ bytesRead, encoding: decoder.encoding, delimiter, counts, rejectedSample, failure });

  // The parser's callbacks cannot throw through it (csv-parse turns that into a later stream error): a failure is
  // recorded, the callbacks go quiet, and the loop stops after the current write.
  function fail(report: FailureReport) {
    failure ??= report;
  }

  function reject(line: number, reason: RejectionReason, detail: Omit<RejectedLine, "line" | "reason"> = {}) {
    counts.rejected++;
    counts.rejectedByReason[reason] = (counts.rejectedByReason[reason] ?? 0) + 1;
    if (rejectedSample.length < sampleSize) rejectedSample.push({ line, reason, ...detail });
    if (UNREADABLE_REASONS.has(reason)) {
      if (++consecutiveUnreadable >= maxUnreadable) fail({ failure: "too_many_unreadable_lines", line });
    } else {
      consecutiveUnreadable = 0;
    }
  }

  function onRecord(fields: string[], info: InfoRecord) {
    if (failure !== null) return;
    const line = info.lines - newlinesIn(fields);
    if (header === null) {
      const check = checkHeader(fields);
      if (check.ok) {
        header = check;
        rowContext = { ...options, positions: check.positions, fieldCount: check.fieldCount };
      } else fail({ failure: "bad_header", header: check.problem });
      return;
    }
    if (isBlank(fields)) return; // spreadsheets leave rows of bare delimiters
    counts.lines++;
    const checked = validateRow(fields, rowContext!);
    if (checked.ok) {
      consecutiveUnreadable = 0;
      counts.valid++;
      batch.push({ line, student: checked.student });
      return;
    }
    const { reason, column, value } = checked.rejection;
    reject(line, reason, { ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}) });
    if (checked.identity) batch.push({ line, rejected: reason, identity: checked.identity });
  }

  function createParser(chosen: ImportDelimiter): Parser {
    return parse({
      delimiter: chosen,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: options.maxRecordSize ?? 64 * 1024,
      on_record: (record: string[], info: InfoRecord) => {
        onRecord(record, info);
        return null; // handled here; nothing goes through the stream
      },
      on_skip: (error) => {
        if (failure !== null) return undefined;
        const line = Number(error?.lines ?? counts.lines + 1);
        if (error && FATAL_PARSE_ERRORS.has(error.code)) {
          fail({ failure: "unreadable_file", line });
          return undefined;
        }
        counts.lines++;
        reject(line, "bad_row");
        return undefined;
      },
    });
  }

  let parser: Parser | null = null;
  let pendingHeaderText = "";
  let parseError: unknown = null;

  // A Transform whose records are all consumed in on_record never pushes, so each write is handled synchronously.
  function feed(text: string) {
    if (text === "") return;
    if (parser === null) {
      pendingHeaderText += text;
      const end = pendingHeaderText.search(/\r|\n/);
      if (end === -1) {
        if (pendingHeaderText.length > MAX_HEADER_LENGTH) {
          fail({ failure: "bad_header", header: { missing: [], unexpected: [], duplicated: [] } });
          throw new StopReading();
        }
        return;
      }
      delimiter = detectDelimiter(pendingHeaderText.slice(0, end));
      parser = createParser(delimiter);
      parser.on("error", (error) => (parseError = error));
      text = pendingHeaderText;
      pendingHeaderText = "";
    }
    parser.write(text);
    if (parseError !== null) throw parseError;
    if (failure !== null) throw new StopReading();
  }

  async function flush(force: boolean) {
    if (batch.length === 0 || (!force && batch.length < batchSize)) return;
    const records = batch;
    batch = [];
    await options.onBatch(records);
    await options.onProgress?.({ bytesRead, lines: counts.lines });
  }

  try {
    for await (const chunk of source) {
      bytesRead += chunk.length;
      feed(decoder.decode(chunk));
      await flush(false);
    }
    feed(decoder.end());
    if (parser === null) {
      if (pendingHeaderText.trim() === "") {
        fail({ failure: "empty_file" });
        throw new StopReading();
      }
      feed("\n");
    }
    const finished = parser as Parser | null;
    if (finished !== null) {
      await new Promise<void>((resolve) => {
        finished.once("finish", resolve);
        finished.once("error", resolve);
        finished.end();
      });
      finished.resume(); // let the readable side end
      if (parseError !== null) throw parseError;
    }
    if (failure === null && header === null) fail({ failure: "empty_file" });
    if (failure === null && counts.valid === 0) fail({ failure: "no_valid_rows" });
    if (failure !== null) throw new StopReading();
    await flush(true);
    await options.onProgress?.({ bytesRead, lines: counts.lines });
  } catch (error) {
    if (error instanceof StopReading) return result();
    throw error;
  }
  return result();
}
