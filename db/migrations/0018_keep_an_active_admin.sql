-- At least one active platform admin always remains: refuses the change that would demote, disable or delete the last one.
create or replace function keep_an_active_admin() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from staff_users where role = 'admin' and disabled_at is null) then
    raise exception 'at least one active admin must remain' using errcode = 'P0001';
  end if;
  return null;
end $$;
--> statement-breakpoint
create constraint trigger staff_users_keep_an_active_admin
  after update or delete on staff_users
  for each row when (old.role = 'admin' and old.disabled_at is null)
  execute function keep_an_active_admin();
