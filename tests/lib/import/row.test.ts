import { describe, expect, it } from "vitest";
import { IMPORT_COLUMNS, type ImportRowValues } from "@/lib/import/columns";
import { checkHeader } from "@/lib/import/header";
import { validateRow, type RowContext } from "@/lib/import/row";

const header = checkHeader([...IMPORT_COLUMNS]);
if (!header.ok) throw new Error("header");

const context: RowContext = {
  positions: header.positions,
  fieldCount: header.fieldCount,
  boards: new Map([["CSSPS", 1], ["CSSDN", 2]]),
  schools: new Map([["1/41", 10], ["2/7", 20]]),
  onlyBoardId: 1,
  today: "2026-11-15",
};

const good: ImportRowValues = {
  organisme: "CSSPS",
  ecole: "041",
  fiche: "1234567",
  code_permanent: "COTL15531401",
  nom: "Côté",
  prenom: "Léa-Rose",
  date_naissance: "2015-03-14",
  niveau: "6e année",
  courriel_1: "parent+ecole@example.ca",
  courriel_2: "",
};

const fields = (values: Partial<ImportRowValues>) => IMPORT_COLUMNS.map((c) => ({ ...good, ...values })[c]);
const reasonOf = (values: Partial<ImportRowValues>) => {
  const result = validateRow(fields(values), context);
  return result.ok ? "ok" : result.rejection.reason;
};

describe("import row validation", () => {
  it("normalises a good row to the stored form", () => {
    const result = validateRow(fields({ fiche: "e0012345", ecole: "41", organisme: "cssps", courriel_1: " Parent@Example.CA ", courriel_2: "parent@example.ca", prenom: " Léa   Rose " }), context);
    expect(result).toEqual({
      ok: true,
      student: {
        boardId: 1,
        schoolId: 10,
        fiche: "12345",
        codePermanent: "COTL15531401",
        lastName: "Côté",
        firstName: "Léa Rose",
        birthDate: "2015-03-14",
        grade: "6e année",
        searchName: "cote lea rose",
        email1: "parent@example.ca",
        email2: null,
      },
    });
  });

  it.each([
    ["bad_fiche", { fiche: "12a45" }],
    ["bad_fiche", { fiche: "12345678" }],
    ["bad_code_permanent", { code_permanent: "COTL1553" }],
    ["bad_date", { date_naissance: "2015-02-30" }],
    ["bad_date", { date_naissance: "14/03/2015" }],
    ["bad_date", { date_naissance: "2030-01-01" }],
    ["bad_email", { courriel_1: "parent@@example.ca" }],
    ["bad_email", { courriel_2: "parent.example.ca" }],
    ["unknown_school", { ecole: "999" }],
    ["unknown_board", { organisme: "XYZ" }],
    ["other_board", { organisme: "CSSDN", ecole: "7" }],
    ["missing_field", { nom: "  " }],
    ["missing_field", { date_naissance: "" }],
    ["too_long", { prenom: "A".repeat(101) }],
    ["too_long", { courriel_1: `${"a".repeat(300)}@example.ca` }],
    ["bad_encoding", { nom: "C\uFFFDt\uFFFD" }],
  ] as const)("rejects with %s: %j", (reason, values) => {
    expect(reasonOf(values)).toBe(reason);
  });

  it("accepts an empty code permanent, grade and emails, and an incomplete code permanent", () => {
    expect(reasonOf({ code_permanent: "", niveau: "", courriel_1: "" })).toBe("ok");
    expect(reasonOf({ code_permanent: "cotl 1553 14" })).toBe("ok");
  });

  it("accepts the addresses other portals refuse (+ and _ before the @)", () => {
    expect(reasonOf({ courriel_1: "marie_tremblay+ecole@example.ca" })).toBe("ok");
  });

  it("rejects a line with more filled cells than columns, but still names its student", () => {
    const result = validateRow([...fields({}), "O'Neil"], context);
    expect(result).toMatchObject({ ok: false, rejection: { reason: "bad_row" }, identity: { boardId: 1, fiche: "1234567" } });
    expect(validateRow(fields({}).slice(0, 5), context)).toMatchObject({ ok: false, rejection: { reason: "bad_row" } });
  });

  it("keeps the student of a line rejected for a bad email, so the import does not archive them", () => {
    expect(validateRow(fields({ courriel_1: "nope" }), context)).toMatchObject({ identity: { boardId: 1, fiche: "1234567" } });
  });
});
