import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultPasswordPolicy, passwordClasses, passwordProblems } from "@/lib/password-policy";
import { newPasswordProblems } from "@/lib/password-strength";

describe("password policy (default: 12 characters, 3 of 4 classes)", () => {
  it("recognises the four classes, accents included", () => {
    expect(passwordClasses("éa")).toEqual(["lower"]);
    expect(passwordClasses("ÉA")).toEqual(["upper"]);
    expect(passwordClasses("12")).toEqual(["digit"]);
    expect(passwordClasses("!é É 1").sort()).toEqual(["digit", "lower", "symbol", "upper"]);
  });

  it("refuses short passwords and too few classes", () => {
    expect(passwordProblems("Court-1!", defaultPasswordPolicy)).toEqual(["tooShort"]);
    expect(passwordProblems("toutenminuscules", defaultPasswordPolicy)).toEqual(["tooFewClasses"]);
    expect(passwordProblems("Toutenminuscules", defaultPasswordPolicy)).toEqual(["tooFewClasses"]);
    expect(passwordProblems("Toutenminuscules1", defaultPasswordPolicy)).toEqual([]);
  });

  it("is configurable", () => {
    const strict = { minLength: 15, minClasses: 4, maxLength: 64 };
    expect(passwordProblems("Toutenminuscules1", strict)).toEqual(["tooFewClasses"]);
    expect(passwordProblems("Tout-en-minuscules1", strict)).toEqual([]);
    expect(passwordProblems("A1!" + "b".repeat(70), strict)).toEqual(["tooLong"]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblems("Éé1!".repeat(3), defaultPasswordPolicy)).toEqual([]);
    expect(passwordProblems("😀😀😀😀😀😀Ab1", defaultPasswordPolicy)).toEqual(["tooShort"]);
  });

  it("accepts any password of enough length and classes (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 9, maxLength: 40 }), (tail) => {
        const password = "aA1" + tail.replace(/\s/g, "x").padEnd(9, "x");
        expect(passwordProblems(password, defaultPasswordPolicy)).not.toContain("tooFewClasses");
      }),
    );
  });
});

describe("password strength (zxcvbn, French and English dictionaries)", () => {
  it("refuses common and guessable passwords that meet the length and class rules", () => {
    for (const weak of ["Motdepasse123!", "Password1234!", "Tremblay2015!", "Bonjour2026!!", "Azerty123456!"]) {
      expect(newPasswordProblems(weak), weak).toContain("tooCommon");
    }
  });

  it("refuses a password built from the account's own email", () => {
    expect(newPasswordProblems("Marie.Cote.2026", ["marie.cote@gmail.com", "marie.cote"])).toContain("tooCommon");
  });

  it("accepts passphrases and random passwords", () => {
    expect(newPasswordProblems("Soleil-Hiver-Tortue-2026")).toEqual([]);
    expect(newPasswordProblems("xK9#mQ2!vL7pRt")).toEqual([]);
  });
});
