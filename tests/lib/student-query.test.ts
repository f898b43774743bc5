import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { classifyNameQuery, classifyStudentQuery } from "@/lib/student-query";
import {
  parseStudentSearch,
  sanitizeSearchText,
  SEARCH_QUERY_MAX_LENGTH,
  STUDENT_SEARCH_MAX_PAGE,
  studentSearchQueryString,
} from "@/lib/validations/student-search";

describe("classifyStudentQuery", () => {
  it("reads digits, with a leading e and zeros, as a fiche", () => {
    expect(classifyStudentQuery("e0012345")).toEqual({ kind: "fiche", fiche: "12345" });
    expect(classifyStudentQuery(" 1234567 ")).toEqual({ kind: "fiche", fiche: "1234567" });
  });

  it("reads a code permanent typed with spaces and in lower case", () => {
    expect(classifyStudentQuery("trem 1234 5601")).toEqual({ kind: "codePermanent", codePermanent: "TREM12345601" });
    expect(classifyStudentQuery("trem123456")).toEqual({ kind: "codePermanent", codePermanent: "TREM123456" });
  });

  it("reads anything with an @ as a parent email, normalised", () => {
    expect(classifyStudentQuery(" Marie.Cote+ecole@Exemple.CA ")).toEqual({ kind: "email", email: "marie.cote+ecole@exemple.ca" });
  });

  it("folds name words: no accents, hyphens, commas or case; longest first", () => {
    expect(classifyStudentQuery("Tremblay-Gagnon, Marie-Ève")).toEqual({
      kind: "name",
      terms: [
        { text: "tremblay", match: "contains" },
        { text: "gagnon", match: "contains" },
        { text: "marie", match: "contains" },
        { text: "eve", match: "contains" },
      ],
    });
  });

  it("matches one- and two-letter words at the start of a word only", () => {
    expect(classifyStudentQuery("li ng")).toEqual({
      kind: "name",
      terms: [
        { text: "li", match: "wordStart" },
        { text: "ng", match: "wordStart" },
      ],
    });
    expect(classifyStudentQuery("marie t")).toMatchObject({ terms: [{ text: "marie" }, { text: "t", match: "wordStart" }] });
  });

  it("reads name words alone the same way (the attempts screen, which reads identifiers itself)", () => {
    for (const query of ["Tremblay-Gagnon, Marie-Ève", "li ng", "D'Amour é", "a", "%", "o'n ng"]) {
      expect(classifyNameQuery(query), query).toEqual(classifyStudentQuery(query));
    }
    expect(classifyNameQuery("marie@exemple.ca")).toMatchObject({ kind: "name", terms: [{ text: "exemple" }, { text: "marie" }, { text: "ca" }] });
  });

  it("drops a word already contained in another", () => {
    expect(classifyStudentQuery("marie marie-eve marie")).toMatchObject({ terms: [{ text: "marie" }, { text: "eve" }] });
    expect(classifyStudentQuery("gagnon agnon")).toMatchObject({ terms: [{ text: "gagnon" }] });
  });

  it("runs no search for punctuation, emoji or single letters", () => {
    for (const query of ["%", "_", "\\", "%%%", "___", "🙂", "a", "a b c", "'; --", "...", "-"]) {
      expect(classifyStudentQuery(query).kind, query).toBe("unmatchable");
    }
  });

  it("treats too many digits as no possible record", () => {
    expect(classifyStudentQuery("123456789012")).toEqual({ kind: "unmatchable", reason: "invalid" });
  });

  it("never yields a name term without letters or digits", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (raw) => {
        const query = classifyStudentQuery(sanitizeSearchText(raw));
        if (query.kind === "name") {
          expect(query.terms.length).toBeGreaterThan(0);
          for (const term of query.terms) expect(term.text).toMatch(/^[\p{L}\p{N}]+$/u);
        }
      }),
    );
  });
});

describe("parseStudentSearch", () => {
  it("reads the URL's French keys", () => {
    expect(
      parseStudentSearch({ q: "cote", ecole: "12", niveau: "Sec. 1", compte: "sans", courriel: "sans", tri: "-naissance", page: "3" }),
    ).toEqual({
      q: "cote",
      schoolId: 12,
      grade: "Sec. 1",
      account: "sans",
      withoutGuardianEmail: true,
      sort: { key: "naissance", descending: true },
      page: 3,
    });
  });

  it("falls back to defaults for anything it does not understand", () => {
    expect(
      parseStudentSearch({ q: ["a", "b"], ecole: "x'; drop", niveau: "", compte: "peut-être", courriel: "avec", tri: "password", page: "-4" }),
    ).toEqual({ q: "a", withoutGuardianEmail: false, sort: { key: "nom", descending: false }, page: 1 });
    expect(parseStudentSearch(null)).toMatchObject({ q: "", page: 1 });
    expect(parseStudentSearch({ page: "99999999999" }).page).toBe(STUDENT_SEARCH_MAX_PAGE);
  });

  it("cuts long queries and removes control characters without splitting a character", () => {
    expect(sanitizeSearchText("co\u0000té\u0007  x")).toBe("co té x");
    expect(Array.from(sanitizeSearchText("🙂".repeat(500)))).toHaveLength(SEARCH_QUERY_MAX_LENGTH);
    expect(sanitizeSearchText("a".repeat(10_000))).toHaveLength(SEARCH_QUERY_MAX_LENGTH);
    expect(sanitizeSearchText("\ud800x")).toBe("\ufffdx");
  });

  it("never throws, whatever the parameters", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))), (input) => {
        const params = parseStudentSearch(input);
        expect(params.page).toBeGreaterThanOrEqual(1);
        expect(Array.from(params.q).length).toBeLessThanOrEqual(SEARCH_QUERY_MAX_LENGTH);
      }),
    );
  });

  it("writes back a shareable query string that parses to the same search", () => {
    const search = parseStudentSearch({ q: "marie tremblay", ecole: "4", compte: "avec", tri: "-fiche", page: "2" });
    const again = parseStudentSearch(Object.fromEntries(new URLSearchParams(studentSearchQueryString(search))));
    expect(again).toEqual(search);
    expect(studentSearchQueryString(parseStudentSearch({}))).toBe("");
  });
});
