-- The province's failure reasons were summed from its boards' rows: about 70 rows a day per finding (38,584 over
-- a term of the bench data, most of the province figures' time). Refused attempts now also count in a province
-- row per day and finding (board 0, school 0). Every refused attempt of the province with that finding on that day
-- updates this one row, and holds it until its transaction commits (the attempt is the last write of the
-- association transaction): a wait of about a commit, at most, for the next such attempt.
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
    select v_day, u.board_id, u.school_id, r.code, r.kind, 1
    from (select distinct e->>'code' as code, coalesce(e->>'kind', '') as kind
          from jsonb_array_elements(new.reasons) as e where e->>'code' is not null) as r
    cross join (select distinct * from (values (v_board, v_school), (v_board, 0), (0, 0)) as v(board_id, school_id)) as u
    order by u.board_id, u.school_id, r.code, r.kind
    on conflict (board_id, day, school_id, code, kind) do update set attempts = f.attempts + 1;
  end if;
  return null;
end $$;
--> statement-breakpoint
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
  select day, case when grouping(board_id) = 1 then 0 else board_id end, case when grouping(school_id) = 1 then 0 else school_id end,
         code, kind, count(*)
  from (
    select distinct a.id, (a.created_at at time zone 'America/Toronto')::date as day, coalesce(st.board_id, a.board_id, 0) as board_id,
           coalesce(st.school_id, -1) as school_id, e->>'code' as code, coalesce(e->>'kind', '') as kind
    from association_attempts a left join students st on st.id = a.candidate_student_id
    cross join lateral jsonb_array_elements(a.reasons) as e
    where not a.success and a.outcome = 'refused' and e->>'code' is not null
  ) as r
  group by grouping sets ((day, board_id, school_id, code, kind), (day, board_id, code, kind), (day, code, kind))
  having grouping(school_id) = 0 or board_id <> 0 or grouping(board_id) = 1;

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
insert into daily_failure_reasons (day, board_id, school_id, code, kind, attempts)
select day, 0, 0, code, kind, sum(attempts)
from daily_failure_reasons
where (school_id = 0 and board_id <> 0) or (board_id = 0 and school_id = -1)
group by day, code, kind;
