// Streams an import file: decode, split it into records, check the header, and hand each line over, in file order.
// No I/O of its own: the caller gives the bytes and sinks, so the same code runs in the app, the bench and tests.
//
// Records are split here (a quote-aware scan that behaves as csv-parse with relax_quotes did: a quote opens a
// field only at its start, `""` inside is a quote, a quote followed by anything but a delimiter or a line end
// leaves the field as written), not parsed field by field: a line without quotes is handed over as its text.
// With a `raw` sink (the importer on a database), every line of the header's field count without unreadable
// characters goes there as one CSV record (the database parses and checks it, set-based); only the other lines
// (wrong field count, unreadable bytes, blank) are checked here. Without one, every line is checked here by
// validateRow, the rules' reference (tests, and the lines the database's checks do not accept).
import type { ImportDelimiter } from "@/lib/import/columns";
import { ImportDecoder, type DetectedEncoding } from "@/lib/import/encoding";
import { checkHeader, detectDelimiter, MAX_HEADER_LENGTH, type ColumnPositions, type HeaderCheck } from "@/lib/import/header";
import type { FailureReport, ReadCounts, RejectedLine, RejectionReason } from "@/lib/import/report";
import { validateRow, type RowContext, type StagedStudent, type StudentIdentity } from "@/lib/import/row";

/** A line kept for the dry run: a valid student, or a rejected line that still names its student. */
export type StageRecord =
  /** `fingerprint`: the raw line's (import-staging.ts), for a line read from the raw table; none for the others. */
  | { line: number; student: StagedStudent; rejected?: undefined; fingerprint?: string | null }
  | { line: number; rejected: RejectionReason; identity: StudentIdentity; student?: undefined };

/**
 * A line handed over unchecked: `text` is one CSV record in the file's delimiter, without line end, with exactly
 * the header's field count; `fields` is set when the record had quotes (then `text` is written again from them).
 */
export type RawRecord = { line: number; text: string; fields: string[] | null };

export type RawFormat = { delimiter: ImportDelimiter; fieldCount: number; positions: ColumnPositions };

export type RawSink = {
  /** Called once, after the header, before any raw record: the file's delimiter, field count and columns. */
  open: (format: RawFormat) => Promise<void>;
  write: (records: RawRecord[]) => Promise<void>;
  /**
   * Optional: raw records as bytes, UTF-8, each `<line number><delimiter><record as in the file>\n`. With it, the
   * lines of a UTF-8 (or ASCII) file without quotes go from the file's bytes to the sink without being decoded
   * (see readImportFile).
   */
  writeBytes?: (bytes: Uint8Array) => Promise<void>;
};

export type ReadProgress = { bytesRead: number; lines: number };

export type ReadOptions = Omit<RowContext, "positions" | "fieldCount"> & {
  /** Receives the lines checked here, in file order; awaited, so a slow sink slows the reading (backpressure). */
  onBatch: (records: StageRecord[]) => Promise<void>;
  /** Receives the lines left for the database to check (see above); awaited. */
  raw?: RawSink;
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
  /** Data lines read, and the outcome of those checked here (the raw ones are counted in `rawLines` only). */
  counts: ReadCounts;
  /** Lines handed to the raw sink, not yet checked. */
  rawLines: number;
  /** The header's field count (0 before a header was read), and where each column sits. */
  fieldCount: number;
  positions: ColumnPositions | null;
  rejectedSample: RejectedLine[];
  /** Set when the whole file is refused; then nothing it contained may be applied. */
  failure: FailureReport | null;
};

const UNREADABLE_REASONS: ReadonlySet<RejectionReason> = new Set(["bad_row", "bad_encoding"]);
/** Characters validateRow rejects as bad_encoding, and line breaks (data in a field, which a CSV record must quote). */
const NOT_RAW = /[\uFFFD\u0000-\u0008\u000A-\u001F\u007F]/;
const QUOTE = 34;

class StopReading extends Error {}

/**
 * The length of the well-formed UTF-8 sequence at `i` (ending before `end`), 0 if there is none there or it is
 * U+FFFD's (which a raw line may not hold): the byte ranges of the Unicode standard's table 3-7, which TextDecoder
 * follows (no overlong forms, surrogates or code points past U+10FFFF).
 */
function utf8Length(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i]!;
  if (b >= 0xc2 && b <= 0xdf) return i + 1 < end && (bytes[i + 1]! & 0xc0) === 0x80 ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    if (i + 2 >= end) return 0;
    const c1 = bytes[i + 1]!;
    const c2 = bytes[i + 2]!;
    if ((c2 & 0xc0) !== 0x80) return 0;
    if (b === 0xe0 ? c1 < 0xa0 || c1 > 0xbf : b === 0xed ? c1 < 0x80 || c1 > 0x9f : (c1 & 0xc0) !== 0x80) return 0;
    return b === 0xef && c1 === 0xbf && c2 === 0xbd ? 0 : 3;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    if (i + 3 >= end) return 0;
    const c1 = bytes[i + 1]!;
    if (b === 0xf0 ? c1 < 0x90 || c1 > 0xbf : b === 0xf4 ? c1 < 0x80 || c1 > 0x8f : (c1 & 0xc0) !== 0x80) return 0;
    return (bytes[i + 2]! & 0xc0) === 0x80 && (bytes[i + 3]! & 0xc0) === 0x80 ? 4 : 0;
  }
  return 0;
}

function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field !== "" && field.trim() !== "") return false;
  return true;
}

function csvField(value: string, delimiter: string): string {
  return value.includes(delimiter) || value.includes('"') || value.includes("\n") || value.includes("\r")
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

export type ScannedRecord = { line: number; text: string | null; fields: string[] | null };

/**
 * Splits decoded text into records. `text` is set (and `fields` null) for a record without any quote; `fields`
 * (and `text` null) for one with quotes. Lines are numbered as a text editor does, a record by its first line.
 */
export class RecordScanner {
  private buffer = "";
  private position = 0;
  /** Index of the next quote at or after `position` in `buffer`, -1 when none, -2 when not yet looked for. */
  private nextQuote = -2;
  line = 1;

  constructor(
    private readonly delimiter: string,
    readonly recordDelimiter: string,
    private readonly maxRecordSize: number,
  ) {}

  /** The text after the last record scanned: a record cut by the end of the last chunk. */
  rest(): string {
    return this.buffer.slice(this.position);
  }

  /** Forgets that text: the caller reads on from its start. */
  dropRest() {
    this.buffer = "";
    this.position = 0;
    this.nextQuote = -2;
  }

  /** Scans what it can; a record cut by the end of `text` waits for the next call (or `final`). */
  scan(text: string, final: boolean, emit: (record: ScannedRecord) => void): { failure: "unreadable_file"; line: number } | null {
    this.buffer = this.position < this.buffer.length ? this.buffer.slice(this.position) + text : text;
    this.position = 0;
    this.nextQuote = -2;
    const buffer = this.buffer;
    const rd = this.recordDelimiter;
    const rdLength = rd.length;
    for (;;) {
      const start = this.position;
      if (start >= buffer.length) return null;
      let end = buffer.indexOf(rd, start);
      if (end === -1) {
        if (!final) return buffer.length - start > this.maxRecordSize ? { failure: "unreadable_file", line: this.line } : null;
        end = buffer.length;
      }
      if (end - start > this.maxRecordSize) return { failure: "unreadable_file", line: this.line };
      if (this.nextQuote === -2 || (this.nextQuote !== -1 && this.nextQuote < start)) this.nextQuote = buffer.indexOf('"', start);
      if (this.nextQuote === -1 || this.nextQuote >= end) {
        if (end > start) emit({ line: this.line, text: buffer.slice(start, end), fields: null });
        this.line++;
        this.position = end + rdLength;
        continue;
      }
      const quoted = this.scanQuoted(start, final);
      if (quoted === "more") return null;
      if (quoted === "unclosed") return { failure: "unreadable_file", line: this.line };
      emit({ line: this.line, text: null, fields: quoted.fields });
      this.line += quoted.lineBreaks + 1;
      this.position = quoted.next;
    }
  }

  /** One record with quotes, from `start`; "more" when it does not end within the buffer yet. */
  private scanQuoted(start: number, final: boolean): { fields: string[]; next: number; lineBreaks: number } | "more" | "unclosed" {
    const buffer = this.buffer;
    const d = this.delimiter;
    const rd = this.recordDelimiter;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      let value: string;
      if (buffer.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let quotedValue = "";
        let literal = false;
        for (;;) {
          const k = buffer.indexOf('"', j);
          if (k === -1) {
            if (!final && buffer.length - start <= this.maxRecordSize) return "more";
            return "unclosed";
          }
          if (k - start > this.maxRecordSize) return "unclosed";
          quotedValue += buffer.slice(j, k);
          if (k + 1 >= buffer.length) {
            if (!final) return "more";
            i = k + 1;
            break;
          }
          const next = buffer[k + 1];
          if (next === '"') {
            quotedValue += '"';
            j = k + 2;
            continue;
          }
          if (next === d || buffer.startsWith(rd, k + 1)) {
            i = k + 1;
            break;
          }
          if (!final && rd.length > 1 && buffer.length - (k + 1) < rd.length && rd.startsWith(buffer.slice(k + 1))) return "more";
          // A quote closing nothing (relax_quotes): the field keeps its quotes (doubled ones read as one), read on unquoted.
          literal = true;
          i = k + 1;
          break;
        }
        if (literal) {
          const stop = this.fieldEnd(i);
          if (stop === -1) {
            if (!final) return "more";
            value = `"${quotedValue}${buffer.slice(i - 1)}`;
            i = buffer.length;
          } else {
            value = `"${quotedValue}${buffer.slice(i - 1, stop)}`;
            i = stop;
          }
        } else value = quotedValue;
      } else {
        const stop = this.fieldEnd(i);
        if (stop === -1) {
          if (!final) return buffer.length - start > this.maxRecordSize ? "unclosed" : "more";
          value = buffer.slice(i);
          i = buffer.length;
        } else {
          value = buffer.slice(i, stop);
          i = stop;
        }
      }
      fields.push(value);
      if (i >= buffer.length) return { fields, next: i, lineBreaks: this.lineBreaksIn(start, i) };
      if (buffer[i] === d) {
        i++;
        if (i >= buffer.length) {
          if (!final) return "more";
          fields.push("");
          return { fields, next: i, lineBreaks: this.lineBreaksIn(start, i) };
        }
        continue;
      }
      // a record delimiter
      return { fields, next: i + rd.length, lineBreaks: this.lineBreaksIn(start, i) };
    }
  }

  /** End of an unquoted field starting at i: the next delimiter or record delimiter, -1 if neither. */
  private fieldEnd(i: number): number {
    const a = this.buffer.indexOf(this.delimiter, i);
    const b = this.buffer.indexOf(this.recordDelimiter, i);
    return a === -1 ? b : b === -1 ? a : Math.min(a, b);
  }

  private lineBreaksIn(from: number, to: number): number {
    let count = 0;
    for (let at = this.buffer.indexOf(this.recordDelimiter, from); at !== -1 && at < to; at = this.buffer.indexOf(this.recordDelimiter, at + 1)) {
      count++;
    }
    return count;
  }
}

export async function readImportFile(source: AsyncIterable<Uint8Array>, options: ReadOptions): Promise<ReadResult> {
  const batchSize = options.batchSize ?? 2000;
  const sampleSize = options.rejectedSampleSize ?? 100;
  const maxUnreadable = options.maxConsecutiveUnreadable ?? 1000;
  const maxRecordSize = options.maxRecordSize ?? 64 * 1024;
  const decoder = new ImportDecoder();
  const counts: ReadCounts = { lines: 0, valid: 0, rejected: 0, rejectedByReason: {} };
  const rejectedSample: RejectedLine[] = [];
  let failure: FailureReport | null = null;
  let delimiter: ImportDelimiter | null = null;
  let header: Extract<HeaderCheck, { ok: true }> | null = null;
  let rowContext: RowContext | null = null;
  let batch: StageRecord[] = [];
  let rawBatch: RawRecord[] = [];
  let rawLines = 0;
  let rawOpened = false;
  let consecutiveUnreadable = 0;
  let bytesRead = 0;
  let scanner: RecordScanner | null = null;
  let pendingHeaderText = "";

  const result = (): ReadResult => ({
    bytesRead,
    encoding: decoder.encoding,
    delimiter,
    counts,
    rawLines,
    fieldCount: header?.fieldCount ?? 0,
    positions: header?.positions ?? null,
    rejectedSample,
    failure,
  });

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

  function check(line: number, fields: readonly string[]) {
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

  let blankLine: RegExp = /^$/;

  function onRecord(record: ScannedRecord) {
    if (failure !== null) return;
    const d = delimiter!;
    if (header === null) {
      const fields = record.fields ?? record.text!.split(d);
      const headerCheck = checkHeader(fields);
      if (headerCheck.ok) {
        header = headerCheck;
        rowContext = { ...options, positions: headerCheck.positions, fieldCount: headerCheck.fieldCount };
      } else fail({ failure: "bad_header", header: headerCheck.problem });
      return;
    }
    const fieldCount = header.fieldCount;
    if (record.text !== null) {
      const text = record.text;
      const first = text.charCodeAt(0);
      // A data line starts with a letter or digit; anything else may be a row of bare delimiters and spaces.
      if (!(first >= 48 && first <= 57) && !(first >= 65 && first <= 90) && !(first >= 97 && first <= 122) && blankLine.test(text)) return;
      counts.lines++;
      if (options.raw && !NOT_RAW.test(text)) {
        let delimiters = 0;
        for (let at = text.indexOf(d); at !== -1; at = text.indexOf(d, at + 1)) delimiters++;
        if (delimiters + 1 === fieldCount) {
          consecutiveUnreadable = 0;
          rawLines++;
          rawBatch.push({ line: record.line, text, fields: null });
          return;
        }
      }
      check(record.line, text.split(d));
      return;
    }
    const fields = record.fields!;
    if (isBlank(fields)) return;
    counts.lines++;
    if (options.raw && fields.length === fieldCount && !fields.some((f) => NOT_RAW.test(f.replace(/[\r\n]/g, "")))) {
      consecutiveUnreadable = 0;
      rawLines++;
      rawBatch.push({ line: record.line, text: fields.map((f) => csvField(f, d)).join(d), fields });
      return;
    }
    check(record.line, fields);
  }

  function feed(text: string, final: boolean) {
    if (scanner === null) {
      pendingHeaderText += text;
      const end = pendingHeaderText.search(/\r|\n/);
      if (end === -1) {
        if (pendingHeaderText.length > MAX_HEADER_LENGTH) {
          fail({ failure: "bad_header", header: { missing: [], unexpected: [], duplicated: [] } });
          throw new StopReading();
        }
        if (!final) return;
      }
      if (end !== -1 && pendingHeaderText[end] === "\r" && end + 1 === pendingHeaderText.length && !final) return; // \r\n cut in two
      const headerLine = end === -1 ? pendingHeaderText : pendingHeaderText.slice(0, end);
      delimiter = detectDelimiter(headerLine);
      const recordDelimiter = end === -1 ? "\n" : pendingHeaderText[end] === "\n" ? "\n" : pendingHeaderText[end + 1] === "\n" ? "\r\n" : "\r";
      blankLine = new RegExp(`^[\\s${delimiter}]*$`);
      scanner = new RecordScanner(delimiter, recordDelimiter, maxRecordSize);
      text = pendingHeaderText;
      pendingHeaderText = "";
    }
    const scanFailure = scanner.scan(text, final, onRecord);
    if (scanFailure) fail(scanFailure);
    if (failure !== null) throw new StopReading();
  }

  /** Tells the raw sink the file's format, once, before its first record (or at the end when it has none). */
  async function openRaw() {
    if (rawOpened) return;
    rawOpened = true;
    await options.raw!.open({ delimiter: delimiter!, fieldCount: header!.fieldCount, positions: header!.positions });
  }

  async function flush(force: boolean) {
    if (rawBatch.length > 0 && (force || rawBatch.length >= batchSize)) {
      const records = rawBatch;
      rawBatch = [];
      await openRaw();
      await options.raw!.write(records);
    }
    if (batch.length > 0 && (force || batch.length >= batchSize)) {
      const records = batch;
      batch = [];
      await options.onBatch(records);
    }
  }

  // ---------- bytes: once the header is read, lines without quotes are handled as the file's bytes ----------
  // The text path above decodes every chunk and splits the text, then the raw sink encodes the lines again. With a
  // sink that takes bytes, from the chunk after the header on, each line (up to the record delimiter, "\n" or
  // "\r\n") is looked at byte by byte instead: a line starting with an ASCII letter or digit, with the header's
  // number of delimiters, no control character, and only ASCII or valid UTF-8 without U+FFFD (in a file read as
  // UTF-8) is exactly a line the text path would hand over as raw: its bytes go to the sink as they are. Any other
  // line is decoded alone and handled as the text path does (checked here, or raw). A quote, or a record longer than
  // a line may be, sends the rest of the file back to the text path, which alone reads quoted fields (a quoted field
  // may hold a line break). The encoding is chosen on the same bytes as the text path would choose it.
  const sinkTakesBytes = options.raw?.writeBytes !== undefined;
  /** Reading bytes: the bytes after the last whole line, and that line's number. */
  let bytes: { rest: Uint8Array; line: number } | null = null;
  let textOnly = !sinkTakesBytes;

  /** After a chunk read as text: goes on with bytes if the rest of that chunk is a plain line's start. */
  function startBytes(chunk: Uint8Array) {
    if (failure !== null || header === null || scanner === null) return;
    const rd = scanner.recordDelimiter;
    if (rd === "\r") {
      textOnly = true;
      return;
    }
    const end = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).lastIndexOf(rd);
    if (end === -1) return;
    const tail = chunk.subarray(end + rd.length);
    if (tail.includes(QUOTE)) return;
    // The text the scanner holds must be the decoded tail (a chunk may end within a character: the text lacks it,
    // the decoder holds its first bytes, which are forgotten when reading goes back to text).
    const held = new TextDecoder(decoder.encoding === "windows-1252" ? "windows-1252" : "utf-8", { ignoreBOM: true });
    if (scanner.rest() !== held.decode(tail, { stream: true })) return;
    scanner.dropRest();
    bytes = { rest: Uint8Array.from(tail), line: scanner.line };
  }

  /** Back to the text path for good, from a line's start: `from` is the file's bytes from there on. */
  function stopBytes(from: Uint8Array, final: boolean) {
    const at = bytes!.line;
    bytes = null;
    textOnly = true;
    decoder.restart();
    scanner!.line = at;
    feed(decoder.decode(from) + (final ? decoder.end() : ""), final);
  }

  const NEWLINE = 10;
  const CRLF = Buffer.from("\r\n");

  /** A chunk while reading bytes; `final` with no chunk at the end of the file. */
  async function readBytes(chunk: Uint8Array | null) {
    const state = bytes!;
    const buffer = chunk === null ? Buffer.from(state.rest) : Buffer.concat([state.rest, chunk]);
    if (chunk !== null && !decoder.decided) decoder.chooseFrom(chunk);
    const d = delimiter!.charCodeAt(0);
    const windows1252 = decoder.encoding === "windows-1252";
    const fieldCount = header!.fieldCount;
    const crlf = scanner!.recordDelimiter === "\r\n";
    const rdLength = crlf ? 2 : 1;
    // Each raw line gains its number and a delimiter (at most 11 bytes) and has at least fieldCount bytes.
    const out = Buffer.allocUnsafe(buffer.length + Math.ceil(buffer.length / fieldCount) * 12 + 16);
    let written = 0;
    let line = state.line;
    let position = 0;
    for (;;) {
      const end = crlf ? buffer.indexOf(CRLF, position) : buffer.indexOf(NEWLINE, position);
      if (end === -1) break;
      let delimiters = 0;
      let quote = false;
      let control = false;
      /** A byte that only decoding can tell: any non-ASCII one in a Windows-1252 file, bad UTF-8 or U+FFFD in UTF-8. */
      let undecided = false;
      for (let i = position; i < end; ) {
        const b = buffer[i]!;
        if (b === d) {
          delimiters++;
          i++;
        } else if (b >= 35 && b <= 126) i++;
        else if (b < 128) {
          if (b === 34) quote = true;
          else if (b < 32 ? b !== 9 : b === 127) control = true;
          i++;
        } else if (windows1252) {
          undecided = true;
          i++;
        } else {
          const length = utf8Length(buffer, i, end);
          if (length === 0) {
            undecided = true;
            i++;
          } else i += length;
        }
      }
      if (quote) {
        await writeOut(out, written);
        state.line = line;
        stopBytes(buffer.subarray(position), chunk === null);
        return;
      }
      if (end > position) {
        const first = buffer[position]!;
        const alnum = (first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
        if (
          alnum && !control && !undecided && delimiters + 1 === fieldCount && end - position <= maxRecordSize
        ) {
          counts.lines++;
          consecutiveUnreadable = 0;
          rawLines++;
          let digits = 1;
          for (let n = line; n >= 10; n = Math.floor(n / 10)) digits++;
          for (let n = line, at = written + digits - 1; at >= written; at--, n = Math.floor(n / 10)) out[at] = 48 + (n % 10);
          written += digits;
          out[written++] = d;
          written += buffer.copy(out, written, position, end);
          out[written++] = NEWLINE;
        } else {
          const text = decoder.decodeLine(buffer.subarray(position, end));
          if (text.length > maxRecordSize) fail({ failure: "unreadable_file", line });
          else onRecord({ line, text, fields: null });
          if (failure !== null) throw new StopReading();
        }
      }
      line++;
      position = end + rdLength;
    }
    await writeOut(out, written);
    state.line = line;
    const rest = buffer.subarray(position);
    if (chunk === null) {
      if (rest.length > 0) stopBytes(rest, true);
      return;
    }
    state.rest = Uint8Array.from(rest);
    // A record longer than a line may be (the scanner measures it in characters): the text path decides.
    if (rest.length > maxRecordSize) stopBytes(state.rest, false);
  }

  /** The chunk's raw lines to the sink, and the lines checked here to theirs. */
  async function writeOut(out: Buffer, length: number) {
    if (length > 0) {
      await openRaw();
      await options.raw!.writeBytes!(out.subarray(0, length));
    }
    await flush(false);
  }

  let lastProgressLines = 0;
  try {
    for await (const chunk of source) {
      bytesRead += chunk.length;
      if (bytes !== null) await readBytes(chunk);
      else {
        feed(decoder.decode(chunk), false);
        await flush(false);
        if (!textOnly) startBytes(chunk);
      }
      if (counts.lines !== lastProgressLines) {
        lastProgressLines = counts.lines;
        await options.onProgress?.({ bytesRead, lines: counts.lines });
      }
    }
    if (bytes !== null) await readBytes(null);
    const rest = textOnly || bytes === null ? decoder.end() : "";
    if (scanner === null && (pendingHeaderText + rest).trim() === "") {
      fail({ failure: "empty_file" });
      throw new StopReading();
    }
    feed(rest, true);
    if (failure === null && header === null) fail({ failure: "empty_file" });
    if (failure === null && counts.valid === 0 && rawLines === 0) fail({ failure: "no_valid_rows" });
    if (failure !== null) throw new StopReading();
    await flush(true);
    if (options.raw) await openRaw();
    await options.onProgress?.({ bytesRead, lines: counts.lines });
  } catch (error) {
    if (error instanceof StopReading) return result();
    throw error;
  }
  return result();
}
