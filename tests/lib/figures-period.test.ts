import { describe, expect, it } from "vitest";
import { MAX_PERIOD_DAYS, resolvePeriod } from "@/lib/validations/figures";
import { addDays, isoDateParam } from "@/lib/validations/date-range";

describe("the figures period read from the URL", () => {
  const now = new Date("2026-03-31T12:00:00Z");

  it("defaults to the last 30 days ending today in Montréal", () => {
    expect(resolvePeriod({}, now)).toEqual({ from: "2026-03-02", to: "2026-03-31" });
    // 1 April 02:00 UTC is still 31 March in Montréal.
    expect(resolvePeriod({}, new Date("2026-04-01T02:00:00Z")).to).toBe("2026-03-31");
  });

  it("swaps reversed ends and caps the length", () => {
    expect(resolvePeriod({ from: "2026-03-20", to: "2026-03-01" }, now)).toEqual({ from: "2026-03-01", to: "2026-03-20" });
    expect(resolvePeriod({ from: "1990-01-01", to: "2026-03-01" }, now)).toEqual({ from: addDays("2026-03-01", -MAX_PERIOD_DAYS), to: "2026-03-01" });
  });

  it("drops dates that do not exist rather than failing", () => {
    expect(isoDateParam.parse("2026-02-30")).toBeUndefined();
    expect(isoDateParam.parse("demain")).toBeUndefined();
    expect(isoDateParam.parse("2024-02-29")).toBe("2024-02-29");
  });
});
