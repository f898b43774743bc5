// The figures page's period and board, read from the URL: default the last 30 days, ending today in the schools' zone.
import { z } from "zod";
import { isoDateIn } from "@/lib/birth-date";
import { timeZone } from "@/lib/i18n/locale";
import { addDays, isoDateParam } from "@/lib/validations/date-range";

export const DEFAULT_PERIOD_DAYS = 30;
/** Longest period shown at once: beyond, the figures are still right but the page is no longer a quick look. */
export const MAX_PERIOD_DAYS = 3 * 366;

export const figuresQuerySchema = z.object({
  from: isoDateParam,
  to: isoDateParam,
  board: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});

export type FiguresPeriod = { from: string; to: string };

/** A valid period from what the URL holds: missing ends filled in, reversed ends swapped, length capped. */
export function resolvePeriod(input: { from?: string; to?: string }, now = new Date()): FiguresPeriod {
  const today = isoDateIn(timeZone, now);
  let to = input.to ?? today;
  let from = input.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) [from, to] = [to, from];
  if (addDays(from, MAX_PERIOD_DAYS) < to) from = addDays(to, -MAX_PERIOD_DAYS);
  return { from, to };
}
