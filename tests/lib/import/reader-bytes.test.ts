// readImportFile with a raw sink that takes bytes (the importer on PostgreSQL) hands most lines over as the file's
// bytes, undecoded; everything it reports and hands over must be what the text path gives for the same chunks.
import { describe, expect, it } from "vitest";
import { importCsvLine, importHeaderLine, type ImportDelimiter, type ImportRowValues } from "@/lib/import/columns";
import { readImportFile, type StageRecord } from "@/lib/import/reader";

const base: ImportRowValues = {
  organisme: "CSSPS",
  ecole: "041",
  fiche: "1",
  code_permanent: "",
  nom: "Côté",
  prenom: "Léa",
  date_naissance: "2015-03-14",
  niveau: "5e année",
  courriel_1: "",
  courriel_2: "",
};

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

async function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

type ReadOptions = { maxRecordSize?: number; maxConsecutiveUnreadable?: number };

/** Everything a reading produces: its result, the records checked here, and the raw lines as `line|record`. */
async function readWith(bytes: Uint8Array, chunk: number, takeBytes: boolean, options: ReadOptions = {}) {
  const records: StageRecord[] = [];
  const raw: { line: number; text: string }[] = [];
  const opened: unknown[] = [];
  let byteWrites = 0;
  let delimiter = ",";
  const result = await readImportFile(chunked(bytes, chunk), {
    boards: new Map([["CSSPS", 1]]),
    schools: new Map([["1/41", 10]]),
    onlyBoardId: 1,
    today: "2026-11-15",
    batchSize: 3,
    ...options,
    onBatch: async (batch) => {
      records.push(...batch);
    },
    raw: {
      open: async (format) => {
        opened.push(format);
        delimiter = format.delimiter;
      },
      write: async (batch) => {
        for (const r of batch) raw.push({ line: r.line, text: r.text });
      },
      writeBytes: takeBytes
        ? async (data) => {
            byteWrites++;
            const text = new TextDecoder("utf-8", { fatal: true }).decode(data);
            expect(text.endsWith("\n")).toBe(true);
            for (const row of text.slice(0, -1).split("\n")) {
              const at = row.indexOf(delimiter);
              raw.push({ line: Number(row.slice(0, at)), text: row.slice(at + 1) });
            }
          }
        : undefined,
    },
  });
  raw.sort((a, b) => a.line - b.line);
  return { result, records, raw, opened, byteWrites };
}

/** Reads the file both ways, in chunks of several sizes; returns how many byte writes the byte path made. */
async function sameBothWays(bytes: Uint8Array, options: ReadOptions = {}): Promise<number[]> {
  const writes: number[] = [];
  for (const chunk of [1, 3, 7, 64, 500, 4096, bytes.length + 1]) {
    const text = await readWith(bytes, chunk, false, options);
    const viaBytes = await readWith(bytes, chunk, true, options);
    // When the file is refused, which raw lines were handed over before does not matter (they are dropped).
    const compared = (read: typeof text) => ({ ...read, byteWrites: 0, raw: read.result.failure ? [] : read.raw });
    expect(compared(viaBytes), `chunks of ${chunk} bytes`).toEqual(compared(text));
    writes.push(viaBytes.byteWrites);
  }
  return writes;
}

const line = (values: Partial<ImportRowValues>, delimiter: ImportDelimiter = ",") => importCsvLine({ ...base, ...values }, delimiter);
const lines = (n: number, values: (i: number) => Partial<ImportRowValues> = () => ({}), delimiter: ImportDelimiter = ",") =>
  Array.from({ length: n }, (_, i) => line({ fiche: String(i + 1), ...values(i) }, delimiter));
const file = (rows: string[], end = "\n", delimiter: ImportDelimiter = ",") => [importHeaderLine(delimiter), ...rows].join(end) + end;

describe("reading an import file as bytes", () => {
  it("hands plain UTF-8 lines over as bytes, as the text path would", async () => {
    const writes = await sameBothWays(utf8(file(lines(300, (i) => ({ nom: i % 2 ? "Bélanger" : "Roy", courriel_1: `p${i}@example.ca` })))));
    // From the chunk after the header's (a file read in one chunk is read as text).
    expect(writes.slice(1, 6).every((n) => n > 0)).toBe(true);
  });

  it("with CRLF line ends, a byte order mark, or a lone CR (read as text)", async () => {
    expect((await sameBothWays(utf8(file(lines(200), "\r\n"))))[4]).toBeGreaterThan(0);
    expect((await sameBothWays(concat(Uint8Array.from([0xef, 0xbb, 0xbf]), utf8(file(lines(200))))))[4]).toBeGreaterThan(0);
    expect(await sameBothWays(utf8(file(lines(50), "\r")))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // A file ending without a line end, or on a CR of a CRLF file.
    await sameBothWays(utf8(file(lines(120), "\r\n").slice(0, -2)));
    await sameBothWays(utf8(file(lines(120), "\r\n").slice(0, -1)));
  });

  it("a Windows-1252 file: accented lines decoded alone, ASCII ones as bytes; the encoding chosen as the text path does", async () => {
    await sameBothWays(latin1(file(lines(200, (i) => ({ nom: i % 3 ? "Côté" : "Roy", prenom: i % 2 ? "Zoé" : "Anne" }), ";"), "\r\n", ";")));
    // The first accented letter long after the header, in either encoding.
    const late = (i: number) => ({ nom: i === 150 ? "Hélène" : "Roy", prenom: "Anne", niveau: "" });
    expect((await sameBothWays(latin1(file(lines(200, late)))))[4]).toBeGreaterThan(0);
    expect((await sameBothWays(utf8(file(lines(200, late)))))[4]).toBeGreaterThan(0);
  });

  it("lines the checks must see: unreadable bytes, U+FFFD, control characters, wrong field counts, blank lines", async () => {
    const rows = [
      ...lines(40),
      line({ fiche: "41", nom: "Bad\u0001Byte" }),
      line({ fiche: "42", nom: "Del\u007F" }),
      line({ fiche: "43", nom: "Tab\tBed" }),
      line({ fiche: "44", nom: "Repl\uFFFDacement" }),
      line({ fiche: "45" }) + ",extra",
      "CSSPS,041,46",
      "",
      ",,,,,,,,,",
      "  , ,",
      " CSSPS,041,47,,Roy,Léa,2015-03-14,,,",
      "CSSPS,041,48,,Roy\r,Léa,2015-03-14,,,",
      ...lines(40, (i) => ({ fiche: String(100 + i) })),
    ];
    const text = utf8(file(rows));
    expect((await sameBothWays(text))[4]).toBeGreaterThan(0);
    // Bytes that are not UTF-8 in a file read as UTF-8 (its first accented letters were).
    const at = text.indexOf(utf8("CSSPS,041,46")[0]!, text.length - 200);
    await sameBothWays(concat(text.subarray(0, at), Uint8Array.from([0x43, 0xe9, 0x2c, 0xff, 0xc3, 0x0a]), text.subarray(at)));
    await sameBothWays(utf8(file(rows, "\r\n")));
  });

  it("tells well-formed UTF-8 from the rest as TextDecoder does (overlong forms, surrogates, cut sequences, U+FFFD)", async () => {
    const sequences = [
      [0xc3, 0xa9], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0x80], [0xbf, 0x41], [0xe0, 0x80, 0x80], [0xe0, 0xa0, 0x80],
      [0xe2, 0x82, 0xac], [0xe2, 0x82], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xef, 0xbf, 0xbd], [0xef, 0xbf, 0xbf],
      [0xf0, 0x8f, 0xbf, 0xbf], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80], [0xf0, 0x9f, 0x98], [0xfe], [0xff],
    ];
    const parts: Uint8Array[] = [utf8(file(lines(30)))];
    sequences.forEach((bytes, i) => {
      // In a name, and at the very end of the line (the sequence cut by the line end).
      parts.push(utf8(`CSSPS,041,${100 + i},,Ro`), Uint8Array.from(bytes), utf8("y,Léa,2015-03-14,,,\n"));
      parts.push(utf8(`CSSPS,041,${200 + i},,Roy,Léa,2015-03-14,,,`), Uint8Array.from(bytes), utf8("\n"));
    });
    parts.push(utf8(lines(30, (i) => ({ fiche: String(300 + i) })).join("\n") + "\n"));
    expect((await sameBothWays(concat(...parts)))[4]).toBeGreaterThan(0);
  });

  it("a quote sends the rest of the file to the text path, quoted line breaks included", async () => {
    const rows = [...lines(100), line({ fiche: "101", nom: 'Roy; "dit" Leroy' }), line({ fiche: "102", nom: "Bé\nlanger" }), ...lines(50, (i) => ({ fiche: String(200 + i) }))];
    expect((await sameBothWays(utf8(file(rows))))[4]).toBeGreaterThan(0);
    expect((await sameBothWays(utf8(file(rows, "\r\n"))))[4]).toBeGreaterThan(0);
    // A quote never closed: the whole file is refused, at the same line.
    const unclosed = await sameBothWays(utf8(file([...lines(100), `CSSPS,041,2,,"Côté,Léa,2015-03-14,,,`, ...lines(5)])));
    expect(unclosed.length).toBe(7);
  });

  it("a record too long for a line refuses the file at the same line; too many unreadable lines stop it alike", async () => {
    await sameBothWays(utf8(file([...lines(60), line({ fiche: "61", nom: "É".repeat(150) }), ...lines(5)])), { maxRecordSize: 200 });
    await sameBothWays(utf8(file([...lines(60), line({ fiche: "61", nom: "R".repeat(400) }), ...lines(5)])), { maxRecordSize: 200 });
    await sameBothWays(utf8(file([...lines(60), ...Array.from({ length: 30 }, (_, i) => `x${i},,`), ...lines(5)])), { maxConsecutiveUnreadable: 10 });
  });

  it("an accented header, and a file that is only a header and blank lines", async () => {
    const header = importHeaderLine().replace("prenom", "prénom");
    await sameBothWays(latin1([header, ...lines(100)].join("\n") + "\n"));
    await sameBothWays(utf8([header, ...lines(100)].join("\n") + "\n"));
    await sameBothWays(utf8(file(["", ",,,,,,,,,", ""])));
  });
});
