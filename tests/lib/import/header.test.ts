import { describe, expect, it } from "vitest";
import { checkHeader, detectDelimiter } from "@/lib/import/header";
import { IMPORT_COLUMNS } from "@/lib/import/columns";

describe("import header", () => {
  it("accepts the documented columns in any order, whatever their case, accents or spacing", () => {
    const check = checkHeader(["Prénom", "NOM", "organisme", "École", "Fiche", "Code permanent", "date-naissance", "niveau", "courriel_2", "Courriel 1"]);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.positions).toMatchObject({ prenom: 0, nom: 1, organisme: 2, ecole: 3, courriel_1: 9 });
  });

  it("names the missing, unexpected and repeated columns of a wrong header", () => {
    const check = checkHeader(["organisme", "ecole", "fiche", "fiche", "nom", "prenom", "naissance", "niveau", "courriel_1", "courriel_2"]);
    expect(check).toEqual({
      ok: false,
      problem: { missing: ["code_permanent", "date_naissance"], unexpected: ["naissance"], duplicated: ["fiche"] },
    });
  });

  it("ignores the empty cells a spreadsheet leaves after the last column", () => {
    expect(checkHeader([...IMPORT_COLUMNS, "", ""]).ok).toBe(true);
  });

  it("detects the semicolon Excel writes in a French-Canadian locale", () => {
    expect(detectDelimiter(IMPORT_COLUMNS.join(";"))).toBe(";");
    expect(detectDelimiter(IMPORT_COLUMNS.join(","))).toBe(",");
    expect(detectDelimiter('"nom, complet";fiche;ecole')).toBe(";");
  });
});
