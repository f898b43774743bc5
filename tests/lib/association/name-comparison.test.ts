import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareNames, type NameDifferenceKind } from "@/lib/association/name-comparison";
import { foldForSearch } from "@/lib/names";
import { nameArb, sortedLetters, withoutAccents } from "@/tests/lib/association/arbitraries";

function kinds(typed: string, expected: string): NameDifferenceKind[] {
  return compareNames(typed, expected).differences.map((d) => d.kind);
}

describe("compareNames", () => {
  it("finds a name equal to itself", () => {
    expect(compareNames("Bélanger-St-Pierre", "Bélanger-St-Pierre")).toEqual({ outcome: "same", differences: [] });
  });

  it("tolerates case and spaces without noting anything else", () => {
    expect(compareNames("  côté ", "Côté")).toEqual({ outcome: "tolerated", differences: [{ kind: "case_or_spacing" }] });
    expect(compareNames("Marie   Ève", "MARIE ÈVE").outcome).toBe("tolerated");
    expect(compareNames("Marie - Ève", "Marie-Ève")).toEqual({
      outcome: "tolerated",
      differences: [{ kind: "case_or_spacing" }],
    });
  });

  it("tolerates a missing accent and names the word of the record", () => {
    expect(compareNames("Cote", "Côté")).toEqual({ outcome: "tolerated", differences: [{ kind: "accents", word: "Côté" }] });
    expect(compareNames("Emilie", "Émilie").differences).toEqual([{ kind: "accents", word: "Émilie" }]);
    expect(compareNames("Lemoeuf", "Lemœuf").differences).toEqual([{ kind: "accents", word: "Lemœuf" }]);
  });

  it("names each word whose accents differ", () => {
    expect(compareNames("Cote-Belanger", "Côté-Bélanger").differences).toEqual([
      { kind: "accents", word: "Côté" },
      { kind: "accents", word: "Bélanger" },
    ]);
  });

  it("tolerates a space instead of a hyphen, or no separator at all", () => {
    expect(compareNames("Marie Eve", "Marie-Ève")).toEqual({
      outcome: "tolerated",
      differences: [{ kind: "accents", word: "Ève" }, { kind: "hyphen_or_space" }],
    });
    expect(kinds("Jean Philippe", "Jean-Philippe")).toEqual(["hyphen_or_space"]);
    expect(kinds("Jeanphilippe", "Jean-Philippe")).toEqual(["hyphen_or_space"]);
  });

  it("tolerates a missing, spaced or typographic apostrophe", () => {
    expect(compareNames("Damour", "D'Amour")).toEqual({ outcome: "tolerated", differences: [{ kind: "apostrophe" }] });
    expect(kinds("D Amour", "D'Amour")).toEqual(["apostrophe"]);
    expect(kinds("D’Amour", "D'Amour")).toEqual(["apostrophe"]);
    expect(kinds("ONeil", "O'Neil")).toEqual(["apostrophe"]);
    expect(kinds("O’Neil", "O'Neil")).toEqual(["apostrophe"]);
  });

  it("tolerates family names in the other order", () => {
    expect(compareNames("Gagnon Tremblay", "Tremblay-Gagnon")).toEqual({
      outcome: "tolerated",
      differences: [{ kind: "family_name_order" }, { kind: "hyphen_or_space" }],
    });
    expect(kinds("Gagnon-Tremblay", "Tremblay-Gagnon")).toEqual(["family_name_order"]);
    expect(kinds("Cote Gagnon", "Gagnon-Côté")).toEqual(["family_name_order", "accents", "hyphen_or_space"]);
    expect(kinds("St-Pierre-Bélanger", "Bélanger-St-Pierre")).toEqual(["family_name_order"]);
  });

  it("blocks a real spelling difference and names the word of the record", () => {
    expect(compareNames("Peltier", "Pelletier")).toEqual({
      outcome: "blocking",
      differences: [{ kind: "other", word: "Pelletier" }],
    });
  });

  it("blocks an abbreviation and still reports the accents elsewhere", () => {
    expect(compareNames("Belanger-Saint-Pierre", "Bélanger-St-Pierre")).toEqual({
      outcome: "blocking",
      differences: [
        { kind: "other", word: "St" },
        { kind: "accents", word: "Bélanger" },
      ],
    });
  });

  it("blocks a missing family name", () => {
    expect(compareNames("Tremblay", "Tremblay-Gagnon")).toEqual({
      outcome: "blocking",
      differences: [{ kind: "other", word: "Gagnon" }],
    });
  });

  it("blocks a nickname", () => {
    expect(compareNames("Alex", "Alexandre").outcome).toBe("blocking");
  });
});

describe("compareNames properties", () => {
  it("finds any name equal to itself", () => {
    fc.assert(
      fc.property(nameArb, (name) => {
        expect(compareNames(name, name)).toEqual({ outcome: "same", differences: [] });
      }),
    );
  });

  it("folding for search is idempotent", () => {
    fc.assert(
      fc.property(nameArb, (name) => {
        expect(foldForSearch(foldForSearch(name))).toBe(foldForSearch(name));
      }),
    );
  });

  it("never blocks on a variant without accents, with spaces for hyphens, without apostrophes or in other case", () => {
    const variant = fc.record({
      accents: fc.boolean(),
      hyphens: fc.boolean(),
      apostrophes: fc.boolean(),
      letterCase: fc.constantFrom("keep", "upper", "lower"),
    });
    fc.assert(
      fc.property(nameArb, variant, (name, v) => {
        let typed = name;
        if (v.accents) typed = withoutAccents(typed);
        if (v.hyphens) typed = typed.replace(/-/g, " ");
        if (v.apostrophes) typed = typed.replace(/['’]/g, "");
        if (v.letterCase === "upper") typed = typed.toUpperCase();
        if (v.letterCase === "lower") typed = typed.toLowerCase();
        const comparison = compareNames(typed, name);
        expect(comparison.outcome).not.toBe("blocking");
        expect(comparison.differences.map((d) => d.kind)).not.toContain("other");
      }),
    );
  });

  it("never blocks on the family names in another order", () => {
    fc.assert(
      fc.property(nameArb, fc.boolean(), (name, useHyphen) => {
        const words = name.split(/[ -]/);
        const typed = [...words].reverse().join(useHyphen ? "-" : " ");
        expect(compareNames(typed, name).outcome).not.toBe("blocking");
      }),
    );
  });

  it("always blocks when a letter is added", () => {
    fc.assert(
      fc.property(nameArb, fc.nat(), fc.constantFrom("a", "é", "x"), (name, at, letter) => {
        const i = at % (name.length + 1);
        const typed = name.slice(0, i) + letter + name.slice(i);
        const comparison = compareNames(typed, name);
        expect(comparison.outcome).toBe("blocking");
        expect(comparison.differences[0].kind).toBe("other");
      }),
    );
  });

  it("blocks exactly when the letters differ, in any order", () => {
    fc.assert(
      fc.property(nameArb, nameArb, (typed, expected) => {
        fc.pre(sortedLetters(typed) !== sortedLetters(expected));
        expect(compareNames(typed, expected).outcome).toBe("blocking");
      }),
    );
  });
});
