CREATE TABLE "school_student_counts" (
	"school_id" integer PRIMARY KEY NOT NULL,
	"board_id" integer NOT NULL,
	"students" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "school_student_counts_board_idx" ON "school_student_counts" USING btree ("board_id","students");--> statement-breakpoint
CREATE INDEX "nips_usable_idx" ON "nips" USING btree ("expires_at") WHERE "nips"."revoked_at" is null and "nips"."consumed_at" is null;--> statement-breakpoint
CREATE INDEX "nips_usable_board_idx" ON "nips" USING btree ("board_id","expires_at","student_id") WHERE "nips"."revoked_at" is null and "nips"."consumed_at" is null;
--> statement-breakpoint
-- Active students per school for the dashboard (school_student_counts), kept on write: an import inserts, restores,
-- moves and archives students by the hundred thousand, so every change is counted once per statement, from its
-- transition tables grouped by school. (Counted per row, archiving 100,000 records in one statement took as much
-- CPU again as the update itself, 13-15 s more; per statement, no difference was measurable.) Rows
-- are written in school order, so two writers cannot deadlock. The triggers run as the table's owner: the app's
-- role may read the table and nothing else (db/roles.ts).
create function school_student_counts_added() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into school_student_counts as c (school_id, board_id, students)
  select school_id, board_id, count(*) from added where archived_at is null
  group by school_id, board_id order by school_id
  on conflict (school_id) do update set students = c.students + excluded.students, board_id = excluded.board_id;
  return null;
end $$;
--> statement-breakpoint
create function school_student_counts_removed() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into school_student_counts as c (school_id, board_id, students)
  select school_id, board_id, -count(*) from removed where archived_at is null
  group by school_id, board_id order by school_id
  on conflict (school_id) do update set students = c.students + excluded.students;
  return null;
end $$;
--> statement-breakpoint
-- Updated records: those archived or moved leave their school's count, those restored or moved join theirs.
create function school_student_counts_updated() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into school_student_counts as c (school_id, board_id, students)
  select d.school_id, (array_agg(d.board_id order by d.n desc))[1], sum(d.n)
  from (select school_id, board_id, -1 as n from removed where archived_at is null
        union all
        select school_id, board_id, 1 from added where archived_at is null) as d
  group by d.school_id
  having sum(d.n) <> 0
  order by d.school_id
  on conflict (school_id) do update set students = c.students + excluded.students, board_id = excluded.board_id;
  return null;
end $$;
--> statement-breakpoint
create function school_student_counts_truncated() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
begin
  delete from school_student_counts;
  return null;
end $$;
--> statement-breakpoint
-- Recounts from the records present: this migration's backfill, and bench/generate after its trigger-less load.
create function rebuild_school_student_counts() returns void language plpgsql security definer set search_path = public, pg_temp as $$
begin
  delete from school_student_counts;
  insert into school_student_counts (school_id, board_id, students)
  select school_id, board_id, count(*) from students where archived_at is null
  group by school_id, board_id order by school_id;
end $$;
--> statement-breakpoint
revoke execute on function rebuild_school_student_counts() from public;
--> statement-breakpoint
CREATE TRIGGER "school_student_counts_insert" AFTER INSERT ON "students"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION school_student_counts_added();
--> statement-breakpoint
CREATE TRIGGER "school_student_counts_delete" AFTER DELETE ON "students"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION school_student_counts_removed();
--> statement-breakpoint
CREATE TRIGGER "school_student_counts_update" AFTER UPDATE ON "students"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION school_student_counts_updated();
--> statement-breakpoint
CREATE TRIGGER "school_student_counts_truncate" AFTER TRUNCATE ON "students"
  FOR EACH STATEMENT EXECUTE FUNCTION school_student_counts_truncated();
--> statement-breakpoint
select rebuild_school_student_counts();
