// Support figures for /admin/chiffres: tickets opened and resolved in a period, median time to the first staff
// reply and to resolution, and the top topics, within the staff member's scope (a school's, a board's, the
// province's or one board chosen by an admin), with the same figures per unit (board or school, else unrouted).
import { and, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { schoolBoards, schools, supportTickets } from "@/db/schema";
import { ticketScopeFilter } from "@/db/queries/support-desk";
import type { StaffScope } from "@/lib/auth/scope";
import { timeZone } from "@/lib/i18n/locale";
import type { FiguresPeriod } from "@/lib/validations/figures";

export type TicketFigureCounts = {
  opened: number;
  resolved: number;
  /** Hours, over the tickets opened in the period that were answered; null when none was. */
  medianFirstReplyHours: number | null;
  /** Hours, over the tickets resolved in the period. */
  medianResolutionHours: number | null;
};

export type TicketFiguresUnit = TicketFigureCounts & { id: number | null; name: string | null };

export type TicketFigures = {
  level: "boards" | "schools";
  totals: TicketFigureCounts;
  units: TicketFiguresUnit[];
  topTopics: { topic: string; tickets: number }[];
};

export const TOP_TICKET_TOPICS = 6;

const dayStart = (iso: string, plusDays = 0) => sql`((${iso}::date + ${plusDays}::int)::timestamp at time zone ${timeZone})`;

function within(column: typeof supportTickets.createdAt | typeof supportTickets.resolvedAt, period: FiguresPeriod): SQL {
  return and(gte(column, dayStart(period.from)), lt(column, dayStart(period.to, 1)))!;
}

const hours = (expression: SQL) => sql`extract(epoch from ${expression}) / 3600.0`;

export async function ticketFiguresForStaff(scope: StaffScope, period: FiguresPeriod, options: { boardId?: number | null } = {}): Promise<TicketFigures> {
  const view: StaffScope = scope.kind === "all" && options.boardId ? { kind: "board", boardId: options.boardId } : scope;
  const level = view.kind === "all" ? "boards" : "schools";
  const unit = level === "boards" ? supportTickets.boardId : supportTickets.schoolId;
  const opened = within(supportTickets.createdAt, period);
  const resolved = within(supportTickets.resolvedAt, period);
  const rows = await db
    .select({
      unit: sql<number | null>`${unit}`,
      total: sql<number>`grouping(${unit})`.mapWith(Number),
      opened: sql<number>`count(*) filter (where ${opened})`.mapWith(Number),
      resolved: sql<number>`count(*) filter (where ${resolved})`.mapWith(Number),
      medianFirstReply: sql<number | null>`percentile_cont(0.5) within group (order by ${hours(sql`${supportTickets.firstReplyAt} - ${supportTickets.createdAt}`)}) filter (where ${opened} and ${supportTickets.firstReplyAt} is not null)`,
      medianResolution: sql<number | null>`percentile_cont(0.5) within group (order by ${hours(sql`${supportTickets.resolvedAt} - ${supportTickets.createdAt}`)}) filter (where ${resolved})`,
    })
    .from(supportTickets)
    .where(and(ticketScopeFilter(view), sql`(${opened} or ${resolved})`))
    .groupBy(sql`grouping sets ((${unit}), ())`);
  const toCounts = (r: (typeof rows)[number] | undefined): TicketFigureCounts => ({
    opened: r?.opened ?? 0,
    resolved: r?.resolved ?? 0,
    medianFirstReplyHours: r?.medianFirstReply === null || r?.medianFirstReply === undefined ? null : Number(r.medianFirstReply),
    medianResolutionHours: r?.medianResolution === null || r?.medianResolution === undefined ? null : Number(r.medianResolution),
  });
  const unitRows = rows.filter((r) => r.total === 0);
  const ids = unitRows.map((r) => r.unit).filter((id): id is number => id !== null);
  const names =
    ids.length === 0
      ? []
      : level === "boards"
        ? await db.select({ id: schoolBoards.id, name: schoolBoards.name }).from(schoolBoards).where(inArray(schoolBoards.id, ids))
        : await db.select({ id: schools.id, name: schools.name }).from(schools).where(inArray(schools.id, ids));
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const topics = await db
    .select({ topic: supportTickets.topic, tickets: sql<number>`count(*)`.mapWith(Number) })
    .from(supportTickets)
    .where(and(ticketScopeFilter(view), opened))
    .groupBy(supportTickets.topic)
    .orderBy(sql`count(*) desc`, supportTickets.topic)
    .limit(TOP_TICKET_TOPICS);
  return {
    level,
    totals: toCounts(rows.find((r) => r.total === 1)),
    units: unitRows
      .map((r) => ({ id: r.unit, name: r.unit === null ? null : (nameOf.get(r.unit) ?? null), ...toCounts(r) }))
      .sort((a, b) => b.opened - a.opened || (a.name ?? "").localeCompare(b.name ?? "", "fr")),
    topTopics: topics,
  };
}
