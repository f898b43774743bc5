import { describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, importCsvLine, importHeaderLine, type ImportRowValues } from "@/lib/import/columns";
import { readImportFile, type StageRecord } from "@/lib/import/reader";

const base: ImportRowValues = {
  organisme: "CSSPS",
  ecole: "041",
  fiche: "1",
  code_permanent: "",
  nom: "Côté",
  prenom: "Léa",
  date_naissance: "2015-03-14",
  niveau: "",
  courriel_1: "",
  courriel_2: "",
};

async function* chunked(bytes: Uint8Array, size = 7) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(input: string | Uint8Array, options: { chunk?: number; maxConsecutiveUnreadable?: number } = {}) {
  const records: StageRecord[] = [];
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const result = await readImportFile(chunked(bytes, options.chunk), {
    boards: new Map([["CSSPS", 1]]),
    schools: new Map([["1/41", 10]]),
    onlyBoardId: 1,
    today: "2026-11-15",
    batchSize: 3,
    maxConsecutiveUnreadable: options.maxConsecutiveUnreadable,
    onBatch: async (batch) => {
      records.push(...batch);
    },
  });
  return { ...result, records };
}

const file = (...lines: string[]) => [importHeaderLine(), ...lines].join("\n") + "\n";
const line = (values: Partial<ImportRowValues>) => importCsvLine({ ...base, ...values });

describe("reading an import file", () => {
  it("parses quoted names with commas and doubled quotes", async () => {
    const { records, failure } = await read(file(`CSSPS,041,1,,"O'Neil, ""Jr""",Sean,2015-03-14,,,`));
    expect(failure).toBeNull();
    expect(records[0]!.student).toMatchObject({ lastName: `O'Neil, "Jr"`, firstName: "Sean" });
  });

  it("round-trips what importCsvLine writes, including a line break inside a quoted name", async () => {
    const { records } = await read(file(line({ fiche: "1", nom: 'Roy; "dit" Leroy' }), line({ fiche: "2", nom: "Bé\nlanger" }), line({ fiche: "3" })));
    expect(records.map((r) => [r.line, r.student?.lastName])).toEqual([[2, 'Roy; "dit" Leroy'], [3, "Bé langer"], [5, "Côté"]]);
  });

  it("numbers rejected lines as a text editor does (header = line 1) and keeps the good ones", async () => {
    const { counts, rejectedSample, records } = await read(
      file(line({ fiche: "1" }), line({ fiche: "x" }), "", line({ fiche: "3", courriel_1: "a@b" }), line({ fiche: "4" })),
    );
    expect(counts).toMatchObject({ lines: 4, valid: 2, rejected: 2 });
    expect(rejectedSample).toEqual([
      { line: 3, reason: "bad_fiche", column: "fiche", value: "x" },
      { line: 5, reason: "bad_email", column: "courriel_1", value: "a@b" },
    ]);
    expect(records.filter((r) => r.student).map((r) => r.line)).toEqual([2, 6]);
  });

  it("reads a semicolon-separated Latin-1 export with CRLF line ends", async () => {
    const text = `${importHeaderLine(";")}\r\nCSSPS;041;9;;Côté;Hélène;2015-03-14;;;\r\n;;;;;;;;;\r\n`;
    const result = await read(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    expect(result).toMatchObject({ encoding: "windows-1252", delimiter: ";", failure: null, counts: { lines: 1, valid: 1 } });
    expect(result.records[0]!.student).toMatchObject({ lastName: "Côté", firstName: "Hélène" });
  });

  it("refuses a wrong header before reading any row", async () => {
    const result = await read("nom,prenom,date\nCôté,Léa,2015-03-14\n");
    expect(result.failure).toMatchObject({ failure: "bad_header", header: { unexpected: ["date"] } });
    expect(result.records).toEqual([]);
  });

  it("refuses an empty file, and a file with a header but no usable line", async () => {
    expect((await read("")).failure).toEqual({ failure: "empty_file" });
    expect((await read("\n\n")).failure).toEqual({ failure: "empty_file" });
    expect((await read(file())).failure).toEqual({ failure: "no_valid_rows" });
    expect((await read(file(line({ fiche: "bad" })))).failure).toEqual({ failure: "no_valid_rows" });
  });

  it("refuses the whole file when a quote is never closed, since the lines after it cannot be read", async () => {
    const result = await read(file(line({ fiche: "1" }), `CSSPS,041,2,,"Côté,Léa,2015-03-14,,,`, line({ fiche: "3" })));
    expect(result.failure).toMatchObject({ failure: "unreadable_file", line: expect.any(Number) });
  });

  it("stops early on 100 MB of random bytes with a clear failure", async () => {
    let state = 42;
    const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff;
    const chunk = new Uint8Array(1 << 20);
    let served = 0;
    async function* garbage() {
      for (let i = 0; i < 100; i++) {
        for (let j = 0; j < chunk.length; j++) chunk[j] = random();
        served += chunk.length;
        yield chunk;
      }
    }
    const started = Date.now();
    const result = await readImportFile(garbage(), {
      boards: new Map(),
      schools: new Map(),
      onlyBoardId: null,
      today: "2026-11-15",
      onBatch: async () => {},
    });
    expect(result.failure?.failure).toBe("bad_header");
    expect(served).toBeLessThanOrEqual(2 << 20);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops after many unreadable lines in a row behind a valid header", async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `x${i},,`);
    const result = await read(file(...lines), { chunk: 4096, maxConsecutiveUnreadable: 1000 });
    expect(result.failure).toEqual({ failure: "too_many_unreadable_lines", line: 1001 });
    expect(result.counts.lines).toBe(1000);
  });

  it("hands rows over in batches, in file order", async () => {
    const lines = Array.from({ length: 10 }, (_, i) => line({ fiche: String(i + 1) }));
    const { records } = await read(file(...lines));
    expect(records.map((r) => r.student?.fiche)).toEqual(lines.map((_, i) => String(i + 1)));
  });

  it("lists every column of the format in the header line", () => {
    expect(importHeaderLine().split(",")).toEqual([...IMPORT_COLUMNS]);
  });
});
