// The reader splits records itself (the database parses the fields); it must split them as csv-parse with
// relax_quotes did before, quotes that close nothing and line breaks inside quotes included.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { RecordScanner, type ScannedRecord } from "@/lib/import/reader";

function reference(text: string): { records: string[][]; unclosed: boolean } {
  let unclosed = false;
  const records = parse(text, {
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error?.code === "CSV_QUOTE_NOT_CLOSED") unclosed = true;
      return undefined;
    },
  }) as string[][];
  return { records, unclosed };
}

function scanned(text: string, lineEnd: string, chunk: number): { records: string[][]; lines: number[]; unclosed: boolean } {
  const scanner = new RecordScanner(",", lineEnd, 65536);
  const records: string[][] = [];
  const lines: number[] = [];
  const emit = (record: ScannedRecord) => {
    records.push(record.fields ?? record.text!.split(","));
    lines.push(record.line);
  };
  for (let i = 0; i < text.length; i += chunk) if (scanner.scan(text.slice(i, i + chunk), false, emit)) return { records, lines, unclosed: true };
  return { records, lines, unclosed: scanner.scan("", true, emit) !== null };
}

describe("splitting an import file into records", () => {
  for (const lineEnd of ["\n", "\r\n"]) {
    it(`splits random text as csv-parse does (line end ${JSON.stringify(lineEnd)}), in any chunking`, () => {
      let seed = 1;
      const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
      const alphabet = ["a", "b", ",", ",", '"', '"', lineEnd, " ", lineEnd];
      for (let run = 0; run < 3000; run++) {
        let text = "";
        for (let i = 0, n = 1 + random(20); i < n; i++) text += alphabet[random(alphabet.length)];
        const expected = reference(text);
        for (const chunk of [1000, 3]) {
          const got = scanned(text, lineEnd, chunk);
          if (expected.unclosed) expect(got.unclosed, JSON.stringify(text)).toBe(true);
          else expect(got.records, JSON.stringify(text)).toEqual(expected.records);
        }
      }
    });
  }

  it("numbers each record by its first line, as a text editor does", () => {
    expect(scanned('a,b\n"c\nd",e\n\nf,g\n', "\n", 2).lines).toEqual([1, 2, 5]);
  });
});
