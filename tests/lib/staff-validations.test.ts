import { describe, expect, it } from "vitest";
import { attemptFilterSchema, guardianEmailChangeSchema, issueNipSchema } from "@/lib/validations/staff";
import { escapeLike } from "@/lib/sql-like";

describe("guardian email change schema", () => {
  it("requires a reason and a valid new address, and lower-cases it", () => {
    const ok = guardianEmailChangeSchema.safeParse({ mode: "replace", studentId: "3", guardianEmailId: "7", newEmail: " Jean_Luc+ecole@Exemple.CA ", reason: "Appel du parent" });
    expect(ok.success && ok.data).toEqual({ mode: "replace", studentId: 3, guardianEmailId: 7, newEmail: "jean_luc+ecole@exemple.ca", reason: "Appel du parent" });
    const noReason = guardianEmailChangeSchema.safeParse({ mode: "add", studentId: 3, newEmail: "a@exemple.ca", reason: "  " });
    expect(noReason.success).toBe(false);
    expect(noReason.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "reasonTooShort"]]);
    expect(guardianEmailChangeSchema.safeParse({ mode: "add", studentId: 3, newEmail: "pas-un-courriel", reason: "raison" }).success).toBe(false);
  });

  it("refuses an unknown mode and a removal without the address to remove", () => {
    expect(guardianEmailChangeSchema.safeParse({ mode: "erase", studentId: 3, reason: "raison" }).success).toBe(false);
    expect(guardianEmailChangeSchema.safeParse({ mode: "remove", studentId: 3, reason: "raison" }).success).toBe(false);
  });
});

describe("NIP issue schema", () => {
  it("issues for the screen only without any address", () => {
    expect(issueNipSchema.parse({ studentId: "4", delivery: "screen" })).toEqual({ studentId: 4, email: null });
  });

  it("needs a typed address confirmed a second time", () => {
    const mismatch = issueNipSchema.safeParse({ studentId: 4, delivery: "typed", typedEmail: "a@exemple.ca", typedEmailConfirmation: "b@exemple.ca" });
    expect(mismatch.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["typedEmailConfirmation", "emailConfirmationMismatch"]]);
    const missing = issueNipSchema.safeParse({ studentId: 4, delivery: "typed", typedEmail: "a@exemple.ca" });
    expect(missing.error!.issues.map((i) => i.path.join("."))).toEqual(["typedEmailConfirmation"]);
    expect(issueNipSchema.parse({ studentId: 4, delivery: "typed", typedEmail: "A@exemple.ca", typedEmailConfirmation: " a@exemple.ca" })).toEqual({
      studentId: 4,
      email: { address: "a@exemple.ca", source: "typed" },
    });
  });

  it("marks an address chosen from the record as such", () => {
    expect(issueNipSchema.parse({ studentId: 4, delivery: "record", recordEmail: "parent@exemple.ca" }).email).toEqual({
      address: "parent@exemple.ca",
      source: "record",
    });
  });
});

describe("attempt filters from the URL", () => {
  it("drops malformed values instead of failing the page", () => {
    expect(attemptFilterSchema.parse({ from: "2026-02-31x", school: "abc", outcome: "weird", page: "-3", email: "" })).toEqual({
      email: undefined,
      student: undefined,
      school: undefined,
      from: undefined,
      to: undefined,
      outcome: "failed",
      page: 1,
    });
  });
});

describe("LIKE escaping", () => {
  it("makes % and _ match themselves", () => {
    expect(escapeLike("jean_luc%100\\")).toBe("jean\\_luc\\%100\\\\");
  });
});
