import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { codeSchema, emailSchema, newPasswordSchema, signInSchema } from "@/lib/validations/auth";
import { defaultPasswordPolicy, guidesPasswordPolicy } from "@/lib/password-policy";
import { signInDelaySeconds, retryAfterSeconds } from "@/lib/rate-limit";

describe("email addresses", () => {
  it.each([
    "marie_eve.cote+ecole@videotron.ca",
    "jean-francois.o'neil@cgocable.ca",
    "a+b+c@sous.domaine.qc.ca",
    "élève@exemple.ca",
    "x@y.co",
  ])("accepts %s", (email) => {
    expect(emailSchema.safeParse(email).success).toBe(true);
  });

  it("accepts every RFC 5322 address fast-check generates (property)", () => {
    fc.assert(
      fc.property(fc.emailAddress({ size: "small" }), (email) => {
        fc.pre(email.length <= 254);
        expect(emailSchema.safeParse(email).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("compares case-insensitively by storing addresses in lower case, trimmed", () => {
    expect(emailSchema.parse("  Marie.Cote@Gmail.COM ")).toBe("marie.cote@gmail.com");
  });

  it.each(["", "marie", "marie@", "@exemple.ca", "a@b", "a b@c.ca", "x".repeat(250) + "@e.ca", "<script>@x.ca"])(
    "refuses %s",
    (email) => {
      expect(emailSchema.safeParse(email).success).toBe(false);
    },
  );

  it("refuses wrong types without throwing", () => {
    expect(emailSchema.safeParse(42).success).toBe(false);
    expect(signInSchema.safeParse({ email: ["a@b.ca"], password: {} }).success).toBe(false);
  });
});

describe("form schemas", () => {
  it("cleans the code before checking it has 6 digits", () => {
    expect(codeSchema.parse({ code: " 012 345 " })).toEqual({ code: "012345" });
    expect(codeSchema.safeParse({ code: "12345" }).success).toBe(false);
    expect(codeSchema.safeParse({ code: "1".repeat(10_000) }).success).toBe(false);
  });

  it("reports each password problem on its own field", () => {
    const result = newPasswordSchema(guidesPasswordPolicy).safeParse({ password: "court", confirmation: "autre" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(messages).toEqual(["password:password.tooShort", "password:password.tooFewClasses", "confirmation:passwordMismatch"]);
  });

  it("asks for no kinds of character under the default rule", () => {
    const result = newPasswordSchema(defaultPasswordPolicy).safeParse({ password: "court", confirmation: "court" });
    expect(result.error!.issues.map((i) => i.message)).toEqual(["password.tooShort"]);
    expect(newPasswordSchema(defaultPasswordPolicy).safeParse({ password: "toutenminuscules", confirmation: "toutenminuscules" }).success).toBe(true);
  });
});

describe("sign-in throttling rule", () => {
  const policy = { freeFailures: 5, baseDelaySeconds: 60, maxDelaySeconds: 900 };
  it("lets the first failures through, then doubles the wait up to the cap", () => {
    expect([0, 4, 5, 6, 7, 8, 9, 50].map((n) => signInDelaySeconds(n, policy))).toEqual([0, 0, 60, 120, 240, 480, 900, 900]);
  });
  it("counts the wait from the last failure", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(retryAfterSeconds(new Date(now.getTime() - 20_000), 60, now)).toBe(40);
    expect(retryAfterSeconds(new Date(now.getTime() - 70_000), 60, now)).toBe(0);
  });
});
