import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeCodePermanent, normalizeFiche, parseStudentIdentifier } from "@/lib/identifiers";

describe("normalizeFiche", () => {
  it("drops a leading e and leading zeros", () => {
    expect(normalizeFiche("e0012345")).toBe("12345");
    expect(normalizeFiche("E1234567")).toBe("1234567");
    expect(normalizeFiche("0001234")).toBe("1234");
  });

  it("tolerates spaces around and inside the number", () => {
    expect(normalizeFiche("  1234567 ")).toBe("1234567");
    expect(normalizeFiche("123 4567")).toBe("1234567");
  });

  it("refuses letters anywhere but a leading e", () => {
    expect(normalizeFiche("12a4567")).toBeNull();
    expect(normalizeFiche("f1234567")).toBeNull();
    expect(normalizeFiche("ee123")).toBeNull();
    expect(normalizeFiche("123e")).toBeNull();
  });

  it("refuses more than 7 significant digits", () => {
    expect(normalizeFiche("12345678")).toBeNull();
    expect(normalizeFiche("e00012345678")).toBeNull();
    expect(normalizeFiche("00001234567")).toBe("1234567");
  });

  it("refuses an empty value", () => {
    expect(normalizeFiche("   ")).toBeNull();
    expect(normalizeFiche("e")).toBeNull();
  });

  it("gives the same fiche for any number of leading zeros, with or without e", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.nat({ max: 5 }), fc.boolean(), (n, zeros, withE) => {
        const typed = `${withE ? "e" : ""}${"0".repeat(zeros)}${n}`;
        expect(normalizeFiche(typed)).toBe(String(n));
      }),
    );
  });
});

describe("normalizeCodePermanent", () => {
  it("ignores case and spaces", () => {
    expect(normalizeCodePermanent("tre m12345601")).toBe("TREM12345601");
    expect(normalizeCodePermanent("trem 1234 5601")).toBe("TREM12345601");
    expect(normalizeCodePermanent(" Gagm 0512 1099 ")).toBe("GAGM05121099");
  });

  it("accepts the 10-character form of a code not yet completed", () => {
    expect(normalizeCodePermanent("trem123456")).toBe("TREM123456");
  });

  it("refuses other shapes", () => {
    expect(normalizeCodePermanent("TRE123456012")).toBeNull();
    expect(normalizeCodePermanent("TREM1234560")).toBeNull();
    expect(normalizeCodePermanent("TREM1234560123")).toBeNull();
    expect(normalizeCodePermanent("TREM12345A01")).toBeNull();
    expect(normalizeCodePermanent("TRÉM12345601")).toBeNull();
  });
});

describe("parseStudentIdentifier", () => {
  it("recognises a fiche", () => {
    expect(parseStudentIdentifier("e0012345")).toEqual({ kind: "fiche", fiche: "12345" });
  });

  it("recognises a code permanent", () => {
    expect(parseStudentIdentifier("tre m12345601")).toEqual({ kind: "codePermanent", codePermanent: "TREM12345601" });
  });

  it("says a fiche has letters when it starts with digits", () => {
    expect(parseStudentIdentifier("12O4567")).toEqual({ kind: "invalid", reason: "fiche_has_letters" });
    expect(parseStudentIdentifier("e12.345")).toEqual({ kind: "invalid", reason: "fiche_has_letters" });
  });

  it("says a fiche is too long", () => {
    expect(parseStudentIdentifier("123456789")).toEqual({ kind: "invalid", reason: "fiche_too_long" });
  });

  it("says a code permanent has the wrong shape when it starts with letters", () => {
    expect(parseStudentIdentifier("TRE12345601")).toEqual({ kind: "invalid", reason: "code_permanent_shape" });
    expect(parseStudentIdentifier("TREMBLAY")).toEqual({ kind: "invalid", reason: "code_permanent_shape" });
  });

  it("says when nothing was typed", () => {
    expect(parseStudentIdentifier("  ")).toEqual({ kind: "invalid", reason: "empty" });
  });

  it("reads a code permanent starting with E as a code permanent, not a fiche", () => {
    expect(parseStudentIdentifier("ethm12345601")).toEqual({ kind: "codePermanent", codePermanent: "ETHM12345601" });
  });
});
