import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  defaultPasswordPolicy,
  guidesPasswordPolicy,
  passwordClasses,
  passwordProblems,
  withBoardRules,
  type PasswordPolicy,
} from "@/lib/password-policy";
import { newPasswordProblems } from "@/lib/password-strength";

describe("password policy (default: 12 characters, no composition rule)", () => {
  it("is ASVS 5.0 / NIST SP 800-63B by default: length only", () => {
    expect(defaultPasswordPolicy).toEqual({ minLength: 12, minClasses: 0, maxLength: 128 });
    expect(passwordProblems("toutenminuscules", defaultPasswordPolicy)).toEqual([]);
    expect(passwordProblems("trois pommes vertes", defaultPasswordPolicy)).toEqual([]);
    expect(passwordProblems("courte", defaultPasswordPolicy)).toEqual(["tooShort"]);
    expect(passwordProblems("x".repeat(129), defaultPasswordPolicy)).toEqual(["tooLong"]);
  });

  it("never asks for classes by default (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 128, unit: "grapheme-ascii" }), (password) => {
        expect(passwordProblems(password, defaultPasswordPolicy)).toEqual([]);
      }),
    );
  });

  it("recognises the four classes, accents included", () => {
    expect(passwordClasses("éa")).toEqual(["lower"]);
    expect(passwordClasses("ÉA")).toEqual(["upper"]);
    expect(passwordClasses("12")).toEqual(["digit"]);
    expect(passwordClasses("!é É 1").sort()).toEqual(["digit", "lower", "symbol", "upper"]);
  });

  it("keeps the guides' rule available: 12 characters, 3 of 4 classes", () => {
    expect(passwordProblems("Court-1!", guidesPasswordPolicy)).toEqual(["tooShort"]);
    expect(passwordProblems("toutenminuscules", guidesPasswordPolicy)).toEqual(["tooFewClasses"]);
    expect(passwordProblems("Toutenminuscules", guidesPasswordPolicy)).toEqual(["tooFewClasses"]);
    expect(passwordProblems("Toutenminuscules1", guidesPasswordPolicy)).toEqual([]);
  });

  it("is configurable", () => {
    const strict = { minLength: 15, minClasses: 4, maxLength: 64 };
    expect(passwordProblems("Toutenminuscules1", strict)).toEqual(["tooFewClasses"]);
    expect(passwordProblems("Tout-en-minuscules1", strict)).toEqual([]);
    expect(passwordProblems("A1!" + "b".repeat(70), strict)).toEqual(["tooLong"]);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblems("Éé1!".repeat(3), guidesPasswordPolicy)).toEqual([]);
    expect(passwordProblems("😀😀😀😀😀😀Ab1", guidesPasswordPolicy)).toEqual(["tooShort"]);
  });

  it("refuses too few classes exactly when the password mixes fewer kinds than the rule asks (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 60 }), fc.integer({ min: 0, max: 4 }), (password, minClasses) => {
        const policy: PasswordPolicy = { minLength: 12, minClasses, maxLength: 1000 };
        const refused = passwordProblems(password, policy).includes("tooFewClasses");
        expect(refused).toBe(passwordClasses(password).length < minClasses);
      }),
    );
  });

  it("accepts any password of enough length and classes (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 9, maxLength: 40 }), (tail) => {
        const password = "aA1" + tail.replace(/\s/g, "x").padEnd(9, "x");
        expect(passwordProblems(password, guidesPasswordPolicy)).not.toContain("tooFewClasses");
      }),
    );
  });
});

describe("a board's composition rule on top of the platform's", () => {
  it("takes the strictest of the platform's and the boards' rules", () => {
    expect(withBoardRules(defaultPasswordPolicy, [])).toEqual(defaultPasswordPolicy);
    expect(withBoardRules(defaultPasswordPolicy, [0, 3, 2])).toEqual({ ...defaultPasswordPolicy, minClasses: 3 });
    expect(withBoardRules(guidesPasswordPolicy, [0])).toEqual(guidesPasswordPolicy);
  });

  it("never loosens the platform's rule and stays within four classes (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }), (platformClasses, boards) => {
        const platform = { minLength: 12, minClasses: platformClasses, maxLength: 128 };
        const policy = withBoardRules(platform, boards);
        expect(policy.minLength).toBe(12);
        expect(policy.maxLength).toBe(128);
        expect(policy.minClasses).toBeGreaterThanOrEqual(platformClasses);
        for (const board of boards) expect(policy.minClasses).toBeGreaterThanOrEqual(Math.min(board, 4));
        expect(policy.minClasses).toBeLessThanOrEqual(4);
      }),
    );
  });
});

describe("password strength (zxcvbn, French and English dictionaries)", () => {
  it("refuses well-known breached passwords that the length rule alone lets through", () => {
    for (const breached of ["motdepasse123", "Password1234!", "qwertyuiop12", "azertyuiop12", "password1234", "123456789012", "iloveyou1234"]) {
      expect(passwordProblems(breached, defaultPasswordPolicy), breached).toEqual([]);
      expect(newPasswordProblems(breached, defaultPasswordPolicy), breached).toEqual(["tooCommon"]);
    }
  });

  it("refuses common and guessable passwords that meet the guides' rule", () => {
    for (const weak of ["Motdepasse123!", "Password1234!", "Tremblay2015!", "Bonjour2026!!", "Azerty123456!"]) {
      expect(newPasswordProblems(weak, guidesPasswordPolicy), weak).toContain("tooCommon");
    }
  });

  it("refuses a password built from the account's own email", () => {
    expect(newPasswordProblems("Marie.Cote.2026", defaultPasswordPolicy, ["marie.cote@gmail.com", "marie.cote"])).toContain("tooCommon");
  });

  it("accepts passphrases and random passwords, without any composition by default", () => {
    expect(newPasswordProblems("Soleil-Hiver-Tortue-2026", defaultPasswordPolicy)).toEqual([]);
    expect(newPasswordProblems("xK9#mQ2!vL7pRt", defaultPasswordPolicy)).toEqual([]);
    expect(newPasswordProblems("trois pommes vertes", defaultPasswordPolicy)).toEqual([]);
    expect(newPasswordProblems("trois pommes vertes", guidesPasswordPolicy)).toEqual(["tooFewClasses"]);
  });
});
