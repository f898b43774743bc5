import { describe, expect, it } from "vitest";
import { formatNip, generateNip, NIP_ALPHABET, NIP_LENGTH, normalizeNip } from "@/lib/association/nip-code";

describe("NIP codes", () => {
  it("generates 8 characters without look-alikes", () => {
    for (let i = 0; i < 200; i++) {
      const nip = generateNip();
      expect(nip).toMatch(new RegExp(`^[${NIP_ALPHABET}]{${NIP_LENGTH}}$`));
      expect(nip).not.toMatch(/[01OIL]/);
    }
  });

  it("does not repeat itself", () => {
    const nips = new Set(Array.from({ length: 1000 }, generateNip));
    expect(nips.size).toBe(1000);
  });

  it("formats in two groups and reads back what it formats, in any case, with spaces", () => {
    expect(formatNip("ABCDEFGH")).toBe("ABCD-EFGH");
    expect(normalizeNip(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(normalizeNip("abcd efgh")).toBe("ABCDEFGH");
    for (let i = 0; i < 100; i++) {
      const nip = generateNip();
      expect(normalizeNip(formatNip(nip).toLowerCase())).toBe(nip);
    }
  });

  it("refuses characters outside the alphabet and the wrong length", () => {
    expect(normalizeNip("ABCD-EFG0")).toBeNull();
    expect(normalizeNip("ABCD-EFGO")).toBeNull();
    expect(normalizeNip("ABCD-EFGI")).toBeNull();
    expect(normalizeNip("ABCD-EFG")).toBeNull();
    expect(normalizeNip("ABCD-EFGHJ")).toBeNull();
    expect(normalizeNip("")).toBeNull();
  });
});
