// A period chosen in a URL ("from" and "to" as YYYY-MM-DD, both days included), read leniently: a malformed
// date is dropped rather than refused, so a hand-edited URL still shows a page.
import { z } from "zod";

export const isoDateParam = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  })
  .optional()
  .catch(undefined);

/** "2026-03-01" plus n days, as an ISO date (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
