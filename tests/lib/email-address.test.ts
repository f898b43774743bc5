import { describe, expect, it } from "vitest";
import { normalizeEmail, sameEmail } from "@/lib/email-address";

describe("normalizeEmail", () => {
  it("trims and lower-cases the whole address", () => {
    expect(normalizeEmail("  Marie.Tremblay@Exemple.QC.CA ")).toBe("marie.tremblay@exemple.qc.ca");
  });

  it("keeps + and _ before the @", () => {
    expect(normalizeEmail("Jean_Cote+ecole@exemple.ca")).toBe("jean_cote+ecole@exemple.ca");
  });

  it("treats addresses differing only in case and spaces as the same", () => {
    expect(sameEmail("parent@Exemple.ca ", "PARENT@exemple.ca")).toBe(true);
    expect(sameEmail("parent1@exemple.ca", "parent@exemple.ca")).toBe(false);
  });
});
