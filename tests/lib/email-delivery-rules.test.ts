import { describe, expect, it } from "vitest";
import { MAX_SEND_ATTEMPTS, retryDelayAfter } from "@/lib/email/retry-policy";
import { isPermanentResendError } from "@/lib/email/transport";

describe("email retry policy", () => {
  it("backs off 10 s, 30 s, 2 min, 10 min, 30 min, then gives up after the 6th attempt", () => {
    expect([1, 2, 3, 4, 5].map(retryDelayAfter)).toEqual([10_000, 30_000, 120_000, 600_000, 1_800_000]);
    expect(MAX_SEND_ATTEMPTS).toBe(6);
    expect(retryDelayAfter(6)).toBeNull();
  });
});

describe("Resend errors", () => {
  it("treats validation errors as permanent", () => {
    expect(isPermanentResendError({ statusCode: 422, name: "validation_error" })).toBe(true);
    expect(isPermanentResendError({ statusCode: 400, name: "invalid_parameter" })).toBe(true);
  });

  it("retries rate limits, server errors, network errors and key problems", () => {
    expect(isPermanentResendError({ statusCode: 429, name: "rate_limit_exceeded" })).toBe(false);
    expect(isPermanentResendError({ statusCode: 500, name: "application_error" })).toBe(false);
    expect(isPermanentResendError({ statusCode: null, name: "application_error" })).toBe(false);
    expect(isPermanentResendError({ statusCode: 403, name: "invalid_api_key" })).toBe(false);
  });
});
