// The import's row checks run in SQL over the lines the database parsed; the lines they do not accept are checked
// again by validateRow. Whatever path a line takes, what is staged (values, rejection, line) must be what
// validateRow alone decides: this file reads a file of many shapes both ways and compares.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { schoolBoards, schools } from "@/db/schema";
import { dryRunImport, startImportRun } from "@/db/queries/student-import";
import { stagingTableName } from "@/db/queries/import-staging";
import { importCsvLine, importHeaderLine, type ImportRowValues } from "@/lib/import/columns";
import { readImportFile, type StageRecord } from "@/lib/import/reader";
import { normalizeCode, schoolKey } from "@/lib/import/row";
import { createBoardWithSchool, createSchool } from "@/tests/helpers/school-fixtures";
import { anAdmin } from "@/tests/helpers/staff-fixtures";

const NOW = new Date("2026-11-15T15:00:00Z");
const TODAY = "2026-11-15";

let seed = 7;
const pick = <T,>(values: readonly T[]): T => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return values[seed % values.length]!;
};

const names = ["Côté", "Léa-Rose", "O'Neil", "  Tremblay  ", "Roy  Gagnon", "Œuvrard", "Saint-Éloi", "Jean 3", "Ÿves", "ÅSA", "Zoë", "-", " ", "Mc Donald-", "Ñuñez", "x".repeat(101), "Ève\u0301"];
const fiches = ["1", "e0012", "E12", "12 34", "1-2", "00000000", "12345678", "1234567", "x1", "", " 7 ", "e", "0", "ee1"];
const codes = ["", "TREM15031401", "trem 1503 1401", "TREM150314", "TREM-1503-14", "ABC", "-", "  ", "TREM1503140"];
const dates = ["2015-03-14", "2015-3-4", "2015-02-30", "2024-02-29", "2023-02-29", "2027-01-01", "1996-11-15", "1996-11-14", "15-03-14", " 2015-03-14 ", "2015/03/14", "", "0999-01-01"];
const grades = ["", "6e année", "Sec. 2", "  Sec.   2 ", "Maternelle 4 ans", "x".repeat(51), "Œ"];
const emails = ["", "a.b@ex.ca", "A.B@Ex.CA", "a..b@x.ca", ".a@x.ca", "a.@x.ca", "a@x", "a@-x.ca", "a@x-.ca", "a@x--y.ca", "a@1.ca", "a@x.c", "a@x.c1",
  "é@x.ca", "a b@x.ca", " a@x.ca ", "a+b_c@x.ca", `${"a".repeat(64)}@x.ca`, `${"a".repeat(65)}@x.ca`, `a@${"b".repeat(63)}.ca`, `a@${"b".repeat(64)}.ca`,
  "a@b.c.d.ca", "a@@x.ca", "a@x.ca.", "pas-un-courriel", "a@x_y.ca", "o'neil@x.ca"];

describe("import checks in SQL", () => {
  it("stage what validateRow alone would, line by line, for lines of every shape", async () => {
    const { board, school } = await createBoardWithSchool();
    const other = await createSchool(board, { code: "041" });
    const admin = await anAdmin();
    const schoolCodes = [school.code, other.code, "41", " 041 ", "0041", "999", ""];
    const boardCodes = [board.code, board.code.toLowerCase(), ` ${board.code} `, "NOPE", ""];
    const rows: ImportRowValues[] = [];
    for (let i = 0; i < 1500; i++) {
      rows.push({
        organisme: i % 10 === 0 ? pick(boardCodes) : board.code,
        ecole: i % 5 === 0 ? pick(schoolCodes) : school.code,
        fiche: i % 4 === 0 ? pick(fiches) : String(10000 + i),
        code_permanent: i % 2 === 0 ? pick(codes) : "",
        nom: i % 2 === 1 ? pick(names) : "Côté",
        prenom: i % 3 === 1 ? pick(names) : "Zoé",
        date_naissance: i % 3 === 0 ? pick(dates) : "2015-03-14",
        niveau: pick(grades),
        courriel_1: i % 2 === 0 ? pick(emails) : "parent@example.ca",
        courriel_2: i % 3 === 0 ? pick(emails) : "",
      });
    }
    const bytes = new TextEncoder().encode([importHeaderLine(), ...rows.map((r) => importCsvLine(r))].join("\n") + "\n");
    async function* source() {
      for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
    }

    const started = await startImportRun({ scope: admin.scope, staffId: admin.staff.id, boardId: board.id, fileName: "mix.csv" });
    if (!started.ok) throw new Error(started.error);
    const run = await dryRunImport({ scope: admin.scope, runId: started.runId, source: source(), now: NOW });

    // The reference: every line checked by validateRow.
    const [boardRows, schoolRows] = await Promise.all([db.select().from(schoolBoards), db.select().from(schools)]);
    const expected: StageRecord[] = [];
    const reference = await readImportFile(source(), {
      boards: new Map(boardRows.map((b) => [normalizeCode(b.code), b.id])),
      schools: new Map(schoolRows.map((s) => [schoolKey(s.boardId, s.code), s.id])),
      onlyBoardId: board.id,
      today: TODAY,
      rejectedSampleSize: 100,
      onBatch: async (records) => void expected.push(...records),
    });

    const staged = await db.execute(sql.raw(`select * from "${stagingTableName(run.id)}" order by line`));
    const stagedRows = ("rows" in staged ? staged.rows : staged) as unknown as Record<string, unknown>[];
    const asRow = (r: StageRecord) =>
      r.student
        ? { line: r.line, rejected: null, board_id: r.student.boardId, fiche: r.student.fiche, school_id: r.student.schoolId,
            code_permanent: r.student.codePermanent, last_name: r.student.lastName, first_name: r.student.firstName,
            birth_date: r.student.birthDate, grade: r.student.grade, search_name: r.student.searchName, email1: r.student.email1, email2: r.student.email2 }
        : { line: r.line, rejected: r.rejected, board_id: r.identity.boardId, fiche: r.identity.fiche };
    const duplicated = new Set(stagedRows.filter((r) => r.rejected === "duplicate_fiche").map((r) => r.line));
    const got = stagedRows.map((r) => {
      const birth = r.birth_date instanceof Date ? r.birth_date.toISOString().slice(0, 10) : r.birth_date;
      return r.rejected === null || duplicated.has(r.line)
        ? { line: r.line, rejected: null, board_id: r.board_id, fiche: r.fiche, school_id: r.school_id, code_permanent: r.code_permanent,
            last_name: r.last_name, first_name: r.first_name, birth_date: birth, grade: r.grade, search_name: r.search_name, email1: r.email1, email2: r.email2 }
        : { line: r.line, rejected: r.rejected, board_id: r.board_id, fiche: r.fiche };
    });
    expect(got).toEqual(expected.map(asRow));
    expect(reference.failure).toBeNull();
    const duplicates = run.counts!.rejectedByReason.duplicate_fiche ?? 0;
    expect(run.counts).toMatchObject({
      lines: reference.counts.lines,
      valid: reference.counts.valid - duplicates,
      rejected: reference.counts.rejected + duplicates,
      rejectedByReason: { ...reference.counts.rejectedByReason, ...(duplicates ? { duplicate_fiche: duplicates } : {}) },
    });
    expect(run.rejectedSample.filter((r) => r.reason !== "duplicate_fiche")).toEqual(
      reference.rejectedSample.filter((r) => r.line <= run.rejectedSample.at(-1)!.line),
    );
    // The test is only worth something if both paths were taken.
    expect(reference.counts.valid).toBeGreaterThan(300);
    expect(reference.counts.rejected).toBeGreaterThan(300);
  });
});
