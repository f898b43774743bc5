-- The per-day figure triggers add to their totals through these two functions. Written in SQL, PostgreSQL (before
-- 18) plans their INSERT … ON CONFLICT again at every call: for each attempt and association, most of the
-- triggers' time. In PL/pgSQL the statement is planned once per connection. Same statements, same order.
create or replace function daily_figures_add(p_day date, p_board integer, p_school integer, p_attempts integer, p_ok integer, p_again integer, p_nips integer)
returns void language plpgsql as $$
begin
  insert into daily_figures as f (day, board_id, school_id, attempts, successful_attempts, already_associated_attempts, nips_issued)
  select p_day, p_board, u.school_id, p_attempts, p_ok, p_again, p_nips
  from (values (p_school), (0)) as u(school_id)
  where u.school_id <> 0 or p_board <> 0
  order by u.school_id
  on conflict (board_id, day, school_id) do update set
    attempts = f.attempts + excluded.attempts,
    successful_attempts = f.successful_attempts + excluded.successful_attempts,
    already_associated_attempts = f.already_associated_attempts + excluded.already_associated_attempts,
    nips_issued = f.nips_issued + excluded.nips_issued;
end $$;
--> statement-breakpoint
create or replace function daily_children_add(p_day date, p_previous date, p_board integer, p_school integer, p_n integer)
returns void language plpgsql as $$
begin
  insert into daily_children as c (day, previous_day, board_id, school_id, children)
  select p_day, p_previous, p_board, u.school_id, p_n
  from (values (0), (p_school)) as u(school_id)
  order by u.school_id
  on conflict (board_id, day, school_id, previous_day) do update set children = c.children + excluded.children;
end $$;
