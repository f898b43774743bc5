// Adds support tickets to the Quebec-scale data set (after bench/generate) and times the support desk: the queue
// of a school, a board and the province (default view, a status, "unassigned", oldest and newest first) and a
// ticket page (the ticket with its conversation and links, its attempts with the diagnosis, the parent's account
// panel, the saved replies). Prints the load time and p50/p95/p99 per screen.
// Usage: npx tsx bench/tickets.ts [--tickets 200000] [--rounds 30] [--no-load]
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openPostgres, setDatabaseHandle } from "@/db/client";
import { attemptsByIds } from "@/db/queries/attempts";
import { filledSavedReplies, getTicketForStaff, searchTicketsForStaff, ticketAccountPanel } from "@/db/queries/support-desk";
import { createRandom } from "@/db/seed-data/random";
import { benchDatabaseUrl } from "@/bench/bench-database";
import { BENCH_SEED } from "@/bench/data-set";
import { printTable } from "@/bench/timing";
import type { StaffScope } from "@/lib/auth/scope";
import { ticketFilterSchema } from "@/lib/validations/support-desk";

const { values: args } = parseArgs({
  options: { tickets: { type: "string", default: "200000" }, rounds: { type: "string", default: "30" }, "no-load": { type: "boolean", default: false } },
});
const ticketCount = Number(args.tickets);
const rounds = Number(args.rounds);
if (!Number.isSafeInteger(ticketCount) || ticketCount <= 0) throw new Error("--tickets must be a positive integer");
if (!Number.isSafeInteger(rounds) || rounds <= 0) throw new Error("--rounds must be a positive integer");

const handle = openPostgres(benchDatabaseUrl(), 10);
setDatabaseHandle(handle);
const db = handle.db;

/**
 * Tickets drawn with a fixed seed, in SQL on the server: 60 % from parents whose attempt failed (linked to that
 * attempt and its record, routed to its school), 25 % routed to a board only, 15 % to nobody (the service-centre
 * queue); created over the last 400 days; 70 % resolved, 12 % waiting for the parent, 10 % open, 8 % new; two
 * to four messages each.
 */
async function loadTickets() {
  const started = Date.now();
  await db.execute(sql`select setseed(${(BENCH_SEED % 1000) / 1000})`);
  await db.execute(sql.raw(`
    create temporary table bench_failed as
      select a.id as attempt_id, a.parent_account_id, p.email, s.id as student_id, s.school_id, s.board_id,
             row_number() over () as n
      from association_attempts a
      join students s on s.id = a.candidate_student_id
      join parent_accounts p on p.id = a.parent_account_id
      where not a.success
      order by random()
      limit ${Math.ceil(ticketCount * 0.6)}`));
  const [{ boards }] = (await db.execute(sql`select count(*)::int as boards from school_boards`)) as unknown as [{ boards: number }];
  await db.execute(sql.raw(`
    insert into support_tickets (parent_account_id, email, board_id, school_id, topic, status, source, message, failed_step, failed_at,
                                 browser, locale, queue_since, waiting_since, first_reply_at, resolved_at, created_at, updated_at)
    select f.parent_account_id,
           coalesce(f.email, 'parent' || g || '@exemple.ca'),
           case when g % 20 < 12 then f.board_id when g % 20 < 17 then 1 + (g % ${boards}) else null end,
           case when g % 20 < 12 then f.school_id else null end,
           (array['association','association','association','code_not_received','sign_in','nip','account_creation','other'])[1 + (g % 8)],
           st.status, case when g % 5 = 0 then 'email' else 'form' end,
           'Bonjour, je n''arrive pas à associer mon enfant. Demande ' || g,
           case when g % 20 < 12 then 'association_refused' else null end,
           case when g % 20 < 12 then c.created_at - interval '5 minutes' else null end,
           'Mozilla/5.0 (bench)', 'fr',
           c.created_at + case when st.status = 'open' then interval '1 day' else interval '0' end,
           case when st.status = 'waiting' then c.created_at + interval '1 day' else null end,
           case when st.status in ('waiting', 'resolved') then c.created_at + (random() * interval '2 days') else null end,
           case when st.status = 'resolved' then c.created_at + interval '2 days' + (random() * interval '5 days') else null end,
           c.created_at, c.created_at
    from generate_series(1, ${ticketCount}) g
    left join bench_failed f on f.n = g
    cross join lateral (select now() - (random() * interval '400 days') as created_at) c
    cross join lateral (select case when g % 100 < 70 then 'resolved' when g % 100 < 82 then 'waiting' when g % 100 < 92 then 'open' else 'new' end as status) st`));
  await db.execute(sql.raw(`
    insert into support_ticket_attempts (ticket_id, attempt_id)
    select t.id, f.attempt_id from support_tickets t join bench_failed f on f.parent_account_id = t.parent_account_id and f.school_id = t.school_id
    on conflict do nothing`));
  await db.execute(sql.raw(`
    insert into support_ticket_students (ticket_id, student_id, reason, created_at)
    select distinct on (t.id) t.id, f.student_id, 'attempt', t.created_at
    from support_tickets t join bench_failed f on f.parent_account_id = t.parent_account_id and f.school_id = t.school_id
    on conflict do nothing`));
  await db.execute(sql.raw(`
    insert into support_ticket_messages (ticket_id, kind, body, created_at)
    select t.id, k.kind, k.kind || ' message', t.created_at + (k.i * interval '3 hours')
    from support_tickets t
    cross join lateral (values (0, 'parent'), (1, 'staff'), (2, 'note'), (3, 'parent')) as k(i, kind)
    where k.i < 2 + (hashtext(t.id::text) & 2)`));
  await db.execute(sql.raw(`vacuum analyze support_tickets, support_ticket_messages, support_ticket_students, support_ticket_attempts`));
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from support_tickets`)) as unknown as [{ n: number }];
  console.log(`loaded: ${n} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function timeScreens() {
  const random = createRandom(BENCH_SEED ^ 0x71c4e7);
  const routed = (await db.execute(sql`select id, school_id, board_id, parent_account_id from support_tickets where school_id is not null order by id limit 5000`)) as unknown as {
    id: string;
    school_id: number;
    board_id: number;
    parent_account_id: string | null;
  }[];
  if (routed.length === 0) throw new Error("no routed ticket: run without --no-load first");
  const staffId = "00000000-0000-0000-0000-000000000000";
  const admin: StaffScope = { kind: "all" };
  const cases: { screen: string; run: () => Promise<unknown> }[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = routed[random.int(0, routed.length - 1)]!;
    const school: StaffScope = { kind: "schools", schoolIds: [t.school_id] };
    const board: StaffScope = { kind: "board", boardId: t.board_id };
    cases.push(
      { screen: "queue: board, default", run: () => searchTicketsForStaff(board, staffId, ticketFilterSchema.parse({})) },
      { screen: "queue: board, unassigned", run: () => searchTicketsForStaff(board, staffId, ticketFilterSchema.parse({ assigned: "none" })) },
      { screen: "queue: board, resolved newest", run: () => searchTicketsForStaff(board, staffId, ticketFilterSchema.parse({ status: "resolved", order: "newest" })) },
      { screen: "queue: board, page 4", run: () => searchTicketsForStaff(board, staffId, ticketFilterSchema.parse({ page: "4" })) },
      { screen: "queue: school, default", run: () => searchTicketsForStaff(school, staffId, ticketFilterSchema.parse({})) },
      {
        screen: "ticket page (board support)",
        run: async () => {
          const detail = await getTicketForStaff(board, t.id);
          if (!detail) throw new Error("ticket not found in its board");
          await Promise.all([
            attemptsByIds(board, detail.attemptIds),
            ticketAccountPanel(detail),
            filledSavedReplies(detail),
          ]);
        },
      },
    );
    if (i < 10) cases.push({ screen: "queue: province, default", run: () => searchTicketsForStaff(admin, staffId, ticketFilterSchema.parse({})) });
  }
  for (const c of cases.slice(0, 12)) await c.run();
  const times = new Map<string, number[]>();
  for (const c of cases) {
    const started = performance.now();
    await c.run();
    const list = times.get(c.screen) ?? [];
    list.push(performance.now() - started);
    times.set(c.screen, list);
  }
  printTable(`support desk (${rounds} rounds, times in the app process)`, times);
}

try {
  if (!args["no-load"]) await loadTickets();
  await timeScreens();
} finally {
  await handle.close();
}
