// Birth dates typed as day / month / year: calendar validity and plausibility for a school child.

/** Older than this, the date is almost certainly a typo (a parent's own birth year, a wrong century). */
export const MAX_STUDENT_AGE_YEARS = 30;

/** year_digits: a year typed with fewer than four digits ("15"), which is not a day or month problem. */
export type BirthDateProblem = "incomplete" | "year_digits" | "impossible_date" | "future_date" | "too_old";

export type BirthDateResult = { ok: true; isoDate: string } | { ok: false; reason: BirthDateProblem };

type DatePart = number | string | null | undefined;

function toInteger(part: DatePart): number | null {
  if (part === null || part === undefined) return null;
  const text = String(part).trim();
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Today's date ("YYYY-MM-DD") in the given time zone; the product's dates are in America/Toronto. */
const isoDateFormats = new Map<string, Intl.DateTimeFormat>();

export function isoDateIn(timeZone: string, now: Date): string {
  // One formatter per time zone: building one costs more than the whole association rule.
  let format = isoDateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    isoDateFormats.set(timeZone, format);
  }
  return format.format(now);
}

/**
 * (31, 2, 2015) → impossible_date. `today` is an ISO date ("YYYY-MM-DD") computed by the caller in America/Toronto,
 * so the rule stays pure and a child born today is accepted.
 */
export function parseBirthDate(day: DatePart, month: DatePart, year: DatePart, today: string): BirthDateResult {
  const d = toInteger(day);
  const m = toInteger(month);
  const y = toInteger(year);
  if (d === null || m === null || y === null) return { ok: false, reason: "incomplete" };
  if (String(year).trim().length < 4) return { ok: false, reason: "year_digits" };
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false, reason: "impossible_date" };

  const isoDate = iso(y, m, d);
  if (isoDate > today) return { ok: false, reason: "future_date" };
  const [ty, tm, td] = today.split("-").map(Number);
  const oldestAccepted = iso(ty - MAX_STUDENT_AGE_YEARS, tm, td);
  if (isoDate < oldestAccepted) return { ok: false, reason: "too_old" };
  return { ok: true, isoDate };
}

export function isPlausibleBirthDate(year: DatePart, month: DatePart, day: DatePart, today: string): boolean {
  return parseBirthDate(day, month, year, today).ok;
}

