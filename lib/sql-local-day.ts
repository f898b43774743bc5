// Calendar days as the schools live them (America/Toronto), turned into timestamptz bounds for SQL filters.
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { timeZone } from "@/lib/i18n/locale";

/** The instant a calendar day (plus `plusDays`) starts in the schools' time zone. */
export function startOfLocalDay(isoDate: string, plusDays = 0): SQL {
  return sql`((${isoDate}::date + ${plusDays}::int)::timestamp at time zone ${timeZone})`;
}

/** `column` within the days from `from` to `to`, both included; either end may be open. */
export function withinLocalDays(column: AnyColumn | SQL, from?: string, to?: string): SQL | undefined {
  const parts: SQL[] = [];
  if (from) parts.push(sql`${column} >= ${startOfLocalDay(from)}`);
  if (to) parts.push(sql`${column} < ${startOfLocalDay(to, 1)}`);
  return parts.length === 0 ? undefined : sql.join(parts, sql` and `);
}
