CREATE TABLE "association_days" (
	"student_id" integer NOT NULL,
	"day" date NOT NULL,
	"board_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	CONSTRAINT "association_days_student_id_day_pk" PRIMARY KEY("student_id","day")
);
--> statement-breakpoint
CREATE TABLE "daily_children" (
	"day" date NOT NULL,
	"previous_day" date NOT NULL,
	"board_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"children" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_children_board_id_day_school_id_previous_day_pk" PRIMARY KEY("board_id","day","school_id","previous_day")
);
--> statement-breakpoint
CREATE TABLE "daily_failure_reasons" (
	"day" date NOT NULL,
	"board_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"code" text NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_failure_reasons_board_id_day_school_id_code_kind_pk" PRIMARY KEY("board_id","day","school_id","code","kind")
);
--> statement-breakpoint
CREATE TABLE "daily_figures" (
	"day" date NOT NULL,
	"board_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"accounts_created" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"successful_attempts" integer DEFAULT 0 NOT NULL,
	"already_associated_attempts" integer DEFAULT 0 NOT NULL,
	"nips_issued" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_figures_board_id_day_school_id_pk" PRIMARY KEY("board_id","day","school_id")
);
--> statement-breakpoint
CREATE TABLE "figures_account_units" (
	"account_id" uuid NOT NULL,
	"board_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "figures_account_units_account_id_board_id_school_id_pk" PRIMARY KEY("account_id","board_id","school_id")
);
--> statement-breakpoint
CREATE INDEX "daily_children_school_day_idx" ON "daily_children" USING btree ("school_id","day");--> statement-breakpoint
CREATE INDEX "daily_failure_reasons_school_day_idx" ON "daily_failure_reasons" USING btree ("school_id","day");--> statement-breakpoint
CREATE INDEX "daily_figures_school_day_idx" ON "daily_figures" USING btree ("school_id","day");--> statement-breakpoint
CREATE INDEX "figures_account_units_school_day_idx" ON "figures_account_units" USING btree ("school_id","day");--> statement-breakpoint

-- The figures' per-day totals are kept on write by the triggers below, in the writing transaction, and only ever
-- added to: the retention purge and account deletions no longer fold what they delete into purged_attempt_totals.
-- Lock order: every statement writes its daily rows in (board_id, school_id) order, so two writers never deadlock.
create or replace function daily_figures_add(p_day date, p_board integer, p_school integer, p_attempts integer, p_ok integer, p_again integer, p_nips integer)
returns void language sql as $$
  insert into daily_figures as f (day, board_id, school_id, attempts, successful_attempts, already_associated_attempts, nips_issued)
  select p_day, p_board, u.school_id, p_attempts, p_ok, p_again, p_nips
  from (values (p_school), (0)) as u(school_id)
  where u.school_id <> 0 or p_board <> 0
  order by u.school_id
  on conflict (board_id, day, school_id) do update set
    attempts = f.attempts + excluded.attempts,
    successful_attempts = f.successful_attempts + excluded.successful_attempts,
    already_associated_attempts = f.already_associated_attempts + excluded.already_associated_attempts,
    nips_issued = f.nips_issued + excluded.nips_issued
$$;
--> statement-breakpoint
-- An attempt counts under its candidate's school and board, or (none found) the board the parent chose, school -1.
create or replace function daily_figures_attempt() returns trigger language plpgsql as $$
declare
  v_day date := (new.created_at at time zone 'America/Toronto')::date;
  v_board integer;
  v_school integer;
begin
  select st.board_id, st.school_id into v_board, v_school from students st where st.id = new.candidate_student_id;
  if v_board is null then
    v_board := coalesce(new.board_id, 0);
    v_school := -1;
  end if;
  perform daily_figures_add(v_day, v_board, v_school,
    (new.outcome <> 'already_associated')::int, new.success::int, (new.outcome = 'already_associated')::int, 0);
  if not new.success and new.outcome = 'refused' then
    insert into daily_failure_reasons as f (day, board_id, school_id, code, kind, attempts)
    select v_day, v_board, u.school_id, r.code, r.kind, 1
    from (select distinct e->>'code' as code, coalesce(e->>'kind', '') as kind
          from jsonb_array_elements(new.reasons) as e where e->>'code' is not null) as r
    cross join (values (v_school), (0)) as u(school_id)
    where u.school_id <> 0 or v_board <> 0
    order by u.school_id, r.code, r.kind
    on conflict (board_id, day, school_id, code, kind) do update set attempts = f.attempts + 1;
  end if;
  return null;
end $$;
--> statement-breakpoint
create or replace function daily_figures_nip() returns trigger language plpgsql as $$
declare
  v_board integer;
  v_school integer;
begin
  select st.board_id, st.school_id into v_board, v_school from students st where st.id = new.student_id;
  if found then
    perform daily_figures_add((new.created_at at time zone 'America/Toronto')::date, v_board, v_school, 0, 0, 0, 1);
  end if;
  return null;
end $$;
--> statement-breakpoint
create or replace function daily_children_add(p_day date, p_previous date, p_board integer, p_school integer, p_n integer)
returns void language sql as $$
  insert into daily_children as c (day, previous_day, board_id, school_id, children)
  select p_day, p_previous, p_board, u.school_id, p_n
  from (values (0), (p_school)) as u(school_id)
  order by u.school_id
  on conflict (board_id, day, school_id, previous_day) do update set children = c.children + excluded.children
$$;
--> statement-breakpoint
-- A new association day of a student: counted under its previous day; the student's next day, if this one falls
-- before it (an association dated in the past), now follows this one instead.
create or replace function daily_figures_association() returns trigger language plpgsql as $$
declare
  v_day date := (new.created_at at time zone 'America/Toronto')::date;
  v_board integer;
  v_school integer;
  v_added integer;
  v_previous date;
  v_next association_days%rowtype;
begin
  select st.board_id, st.school_id into v_board, v_school from students st where st.id = new.student_id;
  if not found then
    return null;
  end if;
  insert into association_days (student_id, day, board_id, school_id) values (new.student_id, v_day, v_board, v_school)
  on conflict do nothing;
  get diagnostics v_added = row_count;
  if v_added = 0 then
    return null;
  end if;
  select coalesce(max(d.day), '-infinity') into v_previous from association_days d where d.student_id = new.student_id and d.day < v_day;
  perform daily_children_add(v_day, v_previous, v_board, v_school, 1);
  select * into v_next from association_days d where d.student_id = new.student_id and d.day > v_day order by d.day limit 1;
  if found then
    perform daily_children_add(v_next.day, v_previous, v_next.board_id, v_next.school_id, -1);
    perform daily_children_add(v_next.day, v_day, v_next.board_id, v_next.school_id, 1);
  end if;
  return null;
end $$;
--> statement-breakpoint
-- Links between accounts and the records listing their email: each account counts once per school, per board and
-- in the province, on the day it was created, the first time a link to that unit appears.
create or replace function figures_count_account_links(p_accounts uuid[], p_days date[], p_boards integer[], p_schools integer[])
returns void language sql as $$
  with links as (
    select * from unnest(p_accounts, p_days, p_boards, p_schools) as l(account_id, day, board_id, school_id)
  ), units as (
    select account_id, day, board_id, school_id from links
    union select account_id, day, board_id, 0 from links
    union select account_id, day, 0, 0 from links
  ), counted as (
    insert into figures_account_units (account_id, board_id, school_id, day)
    select account_id, board_id, school_id, day from units
    on conflict do nothing
    returning board_id, school_id, day
  )
  insert into daily_figures as f (day, board_id, school_id, accounts_created)
  select day, board_id, school_id, count(*) from counted group by day, board_id, school_id
  order by board_id, school_id, day
  on conflict (board_id, day, school_id) do update set accounts_created = f.accounts_created + excluded.accounts_created
$$;
--> statement-breakpoint
create or replace function daily_figures_account() returns trigger language plpgsql as $$
declare
  v_accounts uuid[];
  v_days date[];
  v_boards integer[];
  v_schools integer[];
begin
  select array_agg(new.id), array_agg((new.created_at at time zone 'America/Toronto')::date), array_agg(st.board_id), array_agg(st.school_id)
  into v_accounts, v_days, v_boards, v_schools
  from guardian_emails g join students st on st.id = g.student_id
  where g.email = new.email;
  if v_accounts is not null then
    perform figures_count_account_links(v_accounts, v_days, v_boards, v_schools);
  end if;
  return null;
end $$;
--> statement-breakpoint
-- An account whose creation date is corrected (the app never does; tests and data fixes may): its counts move day.
create or replace function daily_figures_account_moved() returns trigger language plpgsql as $$
declare
  v_from date := (old.created_at at time zone 'America/Toronto')::date;
  v_to date := (new.created_at at time zone 'America/Toronto')::date;
begin
  if v_from = v_to then
    return null;
  end if;
  insert into daily_figures as f (day, board_id, school_id, accounts_created)
  select d.day, u.board_id, u.school_id, d.n
  from figures_account_units u cross join (values (v_from, -1), (v_to, 1)) as d(day, n)
  where u.account_id = new.id
  order by u.board_id, u.school_id, d.day
  on conflict (board_id, day, school_id) do update set accounts_created = f.accounts_created + excluded.accounts_created;
  update figures_account_units set day = v_to where account_id = new.id;
  return null;
end $$;
--> statement-breakpoint
-- Guardian emails written by a statement (an import writes many): the accounts they link, read in one join.
create or replace function daily_figures_guardian_emails() returns trigger language plpgsql as $$
declare
  v_accounts uuid[];
  v_days date[];
  v_boards integer[];
  v_schools integer[];
begin
  select array_agg(pa.id), array_agg((pa.created_at at time zone 'America/Toronto')::date), array_agg(st.board_id), array_agg(st.school_id)
  into v_accounts, v_days, v_boards, v_schools
  from new_rows g
  join parent_accounts pa on pa.email = g.email
  join students st on st.id = g.student_id;
  if v_accounts is not null then
    perform figures_count_account_links(v_accounts, v_days, v_boards, v_schools);
  end if;
  return null;
end $$;
--> statement-breakpoint
-- Recomputes every per-day total from the rows present (days the purge already removed are lost): the migration's
-- backfill, and bench/generate after its bulk load (which runs without triggers). Needs the tables' owner.
create or replace function rebuild_daily_figures() returns void language plpgsql as $$
begin
  truncate daily_figures, daily_failure_reasons, daily_children, association_days, figures_account_units;

  insert into daily_figures (day, board_id, school_id, attempts, successful_attempts, already_associated_attempts, nips_issued)
  select day, board_id, case when grouping(school_id) = 1 then 0 else school_id end,
         sum(attempts), sum(ok), sum(again), sum(nips)
  from (
    select (a.created_at at time zone 'America/Toronto')::date as day, coalesce(st.board_id, a.board_id, 0) as board_id,
           coalesce(st.school_id, -1) as school_id, (a.outcome <> 'already_associated')::int as attempts,
           a.success::int as ok, (a.outcome = 'already_associated')::int as again, 0 as nips
    from association_attempts a left join students st on st.id = a.candidate_student_id
    union all
    select (n.created_at at time zone 'America/Toronto')::date, st.board_id, st.school_id, 0, 0, 0, 1
    from nips n join students st on st.id = n.student_id
  ) as r
  group by grouping sets ((day, board_id, school_id), (day, board_id))
  having grouping(school_id) = 0 or board_id <> 0;

  insert into daily_failure_reasons (day, board_id, school_id, code, kind, attempts)
  select day, board_id, case when grouping(school_id) = 1 then 0 else school_id end, code, kind, count(*)
  from (
    select distinct a.id, (a.created_at at time zone 'America/Toronto')::date as day, coalesce(st.board_id, a.board_id, 0) as board_id,
           coalesce(st.school_id, -1) as school_id, e->>'code' as code, coalesce(e->>'kind', '') as kind
    from association_attempts a left join students st on st.id = a.candidate_student_id
    cross join lateral jsonb_array_elements(a.reasons) as e
    where not a.success and a.outcome = 'refused' and e->>'code' is not null
  ) as r
  group by grouping sets ((day, board_id, school_id, code, kind), (day, board_id, code, kind))
  having grouping(school_id) = 0 or board_id <> 0;

  insert into association_days (student_id, day, board_id, school_id)
  select distinct a.student_id, (a.created_at at time zone 'America/Toronto')::date, st.board_id, st.school_id
  from associations a join students st on st.id = a.student_id;

  insert into daily_children (day, previous_day, board_id, school_id, children)
  select day, previous_day, board_id, case when grouping(school_id) = 1 then 0 else school_id end, count(*)
  from (
    select day, coalesce(lag(day) over (partition by student_id order by day), '-infinity') as previous_day, board_id, school_id
    from association_days
  ) as d
  group by grouping sets ((day, previous_day, board_id, school_id), (day, previous_day, board_id));

  insert into figures_account_units (account_id, board_id, school_id, day)
  select distinct pa.id, u.board_id, u.school_id, (pa.created_at at time zone 'America/Toronto')::date
  from parent_accounts pa
  join guardian_emails g on g.email = pa.email
  join students st on st.id = g.student_id
  cross join lateral (values (st.board_id, st.school_id), (st.board_id, 0), (0, 0)) as u(board_id, school_id);

  insert into daily_figures as f (day, board_id, school_id, accounts_created)
  select day, board_id, school_id, count(*) from figures_account_units group by day, board_id, school_id
  on conflict (board_id, day, school_id) do update set accounts_created = excluded.accounts_created;
end $$;
--> statement-breakpoint
select rebuild_daily_figures();
--> statement-breakpoint
-- Days the purge already removed: their totals move over (school 0 meant "no student found", now -1; these
-- totals never told re-submissions of an associated child apart, so they stay among the attempts).
insert into daily_figures as f (day, board_id, school_id, attempts, successful_attempts, nips_issued)
select day, board_id, school_id, sum(attempts), sum(ok), sum(nips)
from (
  select p.day, p.board_id, u.school_id, p.attempts, p.successful_attempts as ok, p.nips_issued as nips
  from purged_attempt_totals p
  cross join lateral (values (case when p.school_id = 0 then -1 else p.school_id end), (0)) as u(school_id)
  where u.school_id <> 0 or p.board_id <> 0
) as x
group by day, board_id, school_id
on conflict (board_id, day, school_id) do update set
  attempts = f.attempts + excluded.attempts,
  successful_attempts = f.successful_attempts + excluded.successful_attempts,
  nips_issued = f.nips_issued + excluded.nips_issued;
--> statement-breakpoint
insert into daily_failure_reasons as f (day, board_id, school_id, code, kind, attempts)
select day, board_id, school_id, code, kind, sum(n)
from (
  select p.day, p.board_id, u.school_id, split_part(e.key, '|', 1) as code, split_part(e.key, '|', 2) as kind, e.value::int as n
  from purged_attempt_totals p
  cross join lateral jsonb_each_text(p.failure_reasons) as e
  cross join lateral (values (case when p.school_id = 0 then -1 else p.school_id end), (0)) as u(school_id)
  where (u.school_id <> 0 or p.board_id <> 0) and split_part(e.key, '|', 1) not in ('', 'already_associated')
) as x
group by day, board_id, school_id, code, kind
on conflict (board_id, day, school_id, code, kind) do update set attempts = f.attempts + excluded.attempts;
--> statement-breakpoint
DROP TABLE "purged_attempt_totals" CASCADE;
--> statement-breakpoint
create trigger association_attempts_daily_figures after insert on association_attempts
  for each row execute function daily_figures_attempt();
--> statement-breakpoint
create trigger nips_daily_figures after insert on nips
  for each row execute function daily_figures_nip();
--> statement-breakpoint
create trigger associations_daily_figures after insert on associations
  for each row execute function daily_figures_association();
--> statement-breakpoint
create trigger parent_accounts_daily_figures after insert or update of email on parent_accounts
  for each row execute function daily_figures_account();
--> statement-breakpoint
create trigger guardian_emails_daily_figures_insert after insert on guardian_emails
  referencing new table as new_rows for each statement execute function daily_figures_guardian_emails();
--> statement-breakpoint
create trigger guardian_emails_daily_figures_update after update on guardian_emails
  referencing new table as new_rows for each statement execute function daily_figures_guardian_emails();
--> statement-breakpoint
create trigger parent_accounts_daily_figures_moved after update of created_at on parent_accounts
  for each row when (old.created_at is distinct from new.created_at) execute function daily_figures_account_moved();
