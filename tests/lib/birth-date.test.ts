import { describe, expect, it } from "vitest";
import { isoDateIn, isPlausibleBirthDate, parseBirthDate } from "@/lib/birth-date";

const today = "2026-11-15";

describe("parseBirthDate", () => {
  it("returns the ISO date of a valid birth date", () => {
    expect(parseBirthDate(3, 9, 2015, today)).toEqual({ ok: true, isoDate: "2015-09-03" });
    expect(parseBirthDate("03", "09", "2015", today)).toEqual({ ok: true, isoDate: "2015-09-03" });
  });

  it("refuses 31 February and other impossible dates", () => {
    expect(parseBirthDate(31, 2, 2016, today)).toEqual({ ok: false, reason: "impossible_date" });
    expect(parseBirthDate(29, 2, 2015, today)).toEqual({ ok: false, reason: "impossible_date" });
    expect(parseBirthDate(31, 4, 2015, today)).toEqual({ ok: false, reason: "impossible_date" });
    expect(parseBirthDate(1, 13, 2015, today)).toEqual({ ok: false, reason: "impossible_date" });
    expect(parseBirthDate(0, 1, 2015, today)).toEqual({ ok: false, reason: "impossible_date" });
    expect(parseBirthDate(1, 1, 15, today)).toEqual({ ok: false, reason: "year_digits" });
    expect(parseBirthDate("14", "3", " 015 ", today)).toEqual({ ok: false, reason: "year_digits" });
    expect(parseBirthDate(1, 1, "0999", today)).toEqual({ ok: false, reason: "impossible_date" });
  });

  it("accepts 29 February of a leap year", () => {
    expect(parseBirthDate(29, 2, 2016, today)).toEqual({ ok: true, isoDate: "2016-02-29" });
  });

  it("refuses a date in the future but accepts today", () => {
    expect(parseBirthDate(16, 11, 2026, today)).toEqual({ ok: false, reason: "future_date" });
    expect(parseBirthDate(15, 11, 2026, today)).toEqual({ ok: true, isoDate: "2026-11-15" });
  });

  it("flags a date more than 30 years back", () => {
    expect(parseBirthDate(14, 11, 1996, today)).toEqual({ ok: false, reason: "too_old" });
    expect(parseBirthDate(15, 11, 1996, today)).toEqual({ ok: true, isoDate: "1996-11-15" });
  });

  it("says when a part is missing or not a number", () => {
    expect(parseBirthDate("", 2, 2015, today)).toEqual({ ok: false, reason: "incomplete" });
    expect(parseBirthDate(3, null, 2015, today)).toEqual({ ok: false, reason: "incomplete" });
    expect(parseBirthDate(3, 2, "2o15", today)).toEqual({ ok: false, reason: "incomplete" });
  });

  it("isPlausibleBirthDate takes year, month, day", () => {
    expect(isPlausibleBirthDate(2015, 9, 3, today)).toBe(true);
    expect(isPlausibleBirthDate(2015, 2, 31, today)).toBe(false);
  });
});

describe("isoDateIn", () => {
  it("gives the date in Toronto, not in UTC", () => {
    expect(isoDateIn("America/Toronto", new Date("2026-11-16T03:00:00Z"))).toBe("2026-11-15");
  });
});
