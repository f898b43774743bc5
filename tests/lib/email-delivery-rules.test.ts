import { describe, expect, it } from "vitest";
import { MAX_SEND_ATTEMPTS, MIN_USEFUL_SECONDS, nextAttemptAfterFailure, retryDelayAfter } from "@/lib/email/retry-policy";
import { deliveryStateOf } from "@/lib/email/delivery-state";
import { isPermanentResendError } from "@/lib/email/transport";

describe("email retry policy", () => {
  it("backs off 10 s, 30 s, 2 min, 10 min, 30 min, then gives up after the 6th attempt", () => {
    expect([1, 2, 3, 4, 5].map(retryDelayAfter)).toEqual([10_000, 30_000, 120_000, 600_000, 1_800_000]);
    expect(MAX_SEND_ATTEMPTS).toBe(6);
    expect(retryDelayAfter(6)).toBeNull();
  });
});

describe("time-critical emails (codes, NIPs)", () => {
  /** Every attempt of an email created at 0 that fails each time, in seconds. */
  function attemptTimes(lifetimeSeconds: number): number[] {
    const expiresAt = new Date(lifetimeSeconds * 1000);
    const times = [0];
    for (let attempts = 1; attempts < 100; attempts++) {
      const next = nextAttemptAfterFailure({ attempts, expiresAt }, new Date(times.at(-1)! * 1000));
      if (!next) break;
      times.push(next.getTime() / 1000);
    }
    return times;
  }

  it("retries a 10-minute code every few seconds at first, then every minute, and never past its useful life", () => {
    const times = attemptTimes(600);
    expect(times.slice(0, 6)).toEqual([0, 5, 15, 30, 60, 90]);
    expect(times.length).toBeGreaterThanOrEqual(12);
    expect(times.at(-1)!).toBeLessThanOrEqual(600 - MIN_USEFUL_SECONDS);
    expect(times.at(-1)!).toBeGreaterThan(600 - MIN_USEFUL_SECONDS - 60);
    // The old schedule's 4th try came at ~13 min, after the code had died: here every try is within its life.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(60);
  });

  it("fits a short NIP lifetime too, and gives up at once when nothing useful is left", () => {
    const times = attemptTimes(5 * 60);
    expect(times.at(-1)!).toBeLessThanOrEqual(240);
    expect(nextAttemptAfterFailure({ attempts: 1, expiresAt: new Date(61_000) }, new Date(0))).toBeNull();
  });

  it("keeps the long schedule for emails that do not expire", () => {
    expect(nextAttemptAfterFailure({ attempts: 4, expiresAt: null }, new Date(0))!.getTime()).toBe(600_000);
    expect(nextAttemptAfterFailure({ attempts: 6, expiresAt: null }, new Date(0))).toBeNull();
  });

  it("tells a waiting parent whether the email has left", () => {
    expect(deliveryStateOf({ status: "pending", lastError: null })).toBe("sending");
    expect(deliveryStateOf({ status: "pending", lastError: "503 application_error" })).toBe("delayed");
    expect(deliveryStateOf({ status: "sent", lastError: null })).toBe("sent");
    expect(deliveryStateOf({ status: "delivered", lastError: null })).toBe("sent");
    expect(deliveryStateOf({ status: "failed", lastError: "down" })).toBe("failed");
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
