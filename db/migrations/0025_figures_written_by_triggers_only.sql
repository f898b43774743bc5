-- The per-day figure tables are written only by the triggers of 0021/0023, which add to them and never lower them.
-- The triggers now run as the tables' owner (SECURITY DEFINER, with a fixed search_path so that a table of the same
-- name elsewhere on the writer's path cannot stand in), so that the app's role can be refused every direct write to
-- them (db/roles.ts), as it is on the audit log.
alter function daily_figures_attempt() security definer set search_path = public, pg_temp;
--> statement-breakpoint
alter function daily_figures_nip() security definer set search_path = public, pg_temp;
--> statement-breakpoint
alter function daily_figures_association() security definer set search_path = public, pg_temp;
--> statement-breakpoint
alter function daily_figures_account() security definer set search_path = public, pg_temp;
--> statement-breakpoint
alter function daily_figures_account_moved() security definer set search_path = public, pg_temp;
--> statement-breakpoint
alter function daily_figures_guardian_emails() security definer set search_path = public, pg_temp;
--> statement-breakpoint
-- The helpers they call, and the rebuild, are the owner's alone.
revoke execute on function daily_figures_add(date, integer, integer, integer, integer, integer, integer) from public;
--> statement-breakpoint
revoke execute on function daily_children_add(date, date, integer, integer, integer) from public;
--> statement-breakpoint
revoke execute on function figures_count_account_links(uuid[], date[], integer[], integer[]) from public;
--> statement-breakpoint
revoke execute on function rebuild_daily_figures() from public;
