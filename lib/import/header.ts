// The first line of an import file: which delimiter it uses and whether its columns are the expected ones.
import { IMPORT_COLUMNS, type ImportColumn, type ImportDelimiter } from "@/lib/import/columns";
import type { HeaderProblem } from "@/lib/import/report";

/** Longest first line looked at: a header is ~120 characters; anything far longer is not a header. */
export const MAX_HEADER_LENGTH = 4096;

/** Where each column sits in the file's rows. */
export type ColumnPositions = Record<ImportColumn, number>;

export type HeaderCheck = { ok: true; positions: ColumnPositions; fieldCount: number } | { ok: false; problem: HeaderProblem };

/** "Code permanent" , "CODE-PERMANENT", " code_permanent " → "code_permanent"; "Prénom" → "prenom". */
export function normalizeHeaderName(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, "_");
}

/** The delimiter of a header line: the more frequent of ";" and "," outside quotes ("," when neither). */
export function detectDelimiter(headerLine: string): ImportDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/** Columns may come in any order (a spreadsheet user may have moved one) but each must appear exactly once. */
export function checkHeader(fields: readonly string[]): HeaderCheck {
  const names = fields.map(normalizeHeaderName);
  const expected = new Set<string>(IMPORT_COLUMNS);
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  const unexpected: string[] = [];
  for (const [i, name] of names.entries()) {
    if (!expected.has(name)) {
      // Empty trailing cells are what a spreadsheet leaves after the last column.
      if (name !== "" || fields.slice(i).some((f) => f.trim() !== "")) unexpected.push(fields[i]!.trim().slice(0, 40));
      continue;
    }
    if (seen.has(name)) duplicated.add(name);
    seen.add(name);
  }
  const missing = IMPORT_COLUMNS.filter((column) => !seen.has(column));
  if (missing.length > 0 || unexpected.length > 0 || duplicated.size > 0) {
    return { ok: false, problem: { missing, unexpected: unexpected.slice(0, 20), duplicated: [...duplicated] } };
  }
  const positions = Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, names.indexOf(column)])) as ColumnPositions;
  return { ok: true, positions, fieldCount: fields.length };
}
