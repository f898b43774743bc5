import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cleanCodeInput, codeState, cooldownRemaining, generateCode } from "@/lib/verification-code";

const now = new Date("2026-11-23T15:00:00Z");
const fresh = { expiresAt: new Date(now.getTime() + 600_000), attempts: 0, maxAttempts: 5, consumedAt: null, supersededAt: null };

describe("verification codes", () => {
  it("are six digits, leading zeros kept, and spread over the whole range", () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(codes.some((c) => c.startsWith("0"))).toBe(true);
  });

  it("ignores spaces, non-breaking spaces, dashes and line breaks pasted around or inside the code", () => {
    expect(cleanCodeInput(" 123 456\n")).toBe("123456");
    expect(cleanCodeInput("\u00a0123-456\t")).toBe("123456");
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), fc.array(fc.constantFrom(" ", "\n", "\t", "\u00a0", "-"), { maxLength: 4 }), (code, noise) => {
        expect(cleanCodeInput(noise.join("") + code.slice(0, 3) + noise.join("") + code.slice(3) + noise.join(""))).toBe(code);
      }),
    );
  });

  it("is usable until it expires", () => {
    expect(codeState(fresh, now)).toBe("usable");
    expect(codeState({ ...fresh, expiresAt: now }, now)).toBe("expired");
  });

  it("dies at the attempt limit, even before expiry", () => {
    expect(codeState({ ...fresh, attempts: 4 }, now)).toBe("usable");
    expect(codeState({ ...fresh, attempts: 5 }, now)).toBe("locked");
  });

  it("cannot be used again once consumed or replaced", () => {
    expect(codeState({ ...fresh, consumedAt: now }, now)).toBe("consumed");
    expect(codeState({ ...fresh, supersededAt: now }, now)).toBe("superseded");
  });

  it("counts down the resend cooldown", () => {
    expect(cooldownRemaining(null, 60, now)).toBe(0);
    expect(cooldownRemaining(new Date(now.getTime() - 15_000), 60, now)).toBe(45);
    expect(cooldownRemaining(new Date(now.getTime() - 61_000), 60, now)).toBe(0);
  });
});
