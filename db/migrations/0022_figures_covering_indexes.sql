-- The figures screen reads its per-day totals by board (a board's rows) and by school (a secretary's schools, and
-- the boards' own rows, school 0, for the province): both indexes carry the counts, so the reads are index-only
-- scans of a few pages instead of one heap page per row (a day's rows of one board are spread among the province's).
CREATE INDEX "daily_figures_board_day_idx" ON "daily_figures" USING btree ("board_id","day","school_id")
  INCLUDE ("accounts_created","attempts","successful_attempts","already_associated_attempts","nips_issued");--> statement-breakpoint
DROP INDEX "daily_figures_school_day_idx";--> statement-breakpoint
CREATE INDEX "daily_figures_school_day_idx" ON "daily_figures" USING btree ("school_id","day")
  INCLUDE ("board_id","accounts_created","attempts","successful_attempts","already_associated_attempts","nips_issued");--> statement-breakpoint
CREATE INDEX "daily_children_board_day_idx" ON "daily_children" USING btree ("board_id","day","school_id","previous_day") INCLUDE ("children");--> statement-breakpoint
DROP INDEX "daily_children_school_day_idx";--> statement-breakpoint
CREATE INDEX "daily_children_school_day_idx" ON "daily_children" USING btree ("school_id","day") INCLUDE ("previous_day","board_id","children");--> statement-breakpoint
CREATE INDEX "daily_failure_reasons_board_day_idx" ON "daily_failure_reasons" USING btree ("board_id","day","school_id","code","kind") INCLUDE ("attempts");--> statement-breakpoint
DROP INDEX "daily_failure_reasons_school_day_idx";--> statement-breakpoint
CREATE INDEX "daily_failure_reasons_school_day_idx" ON "daily_failure_reasons" USING btree ("school_id","day") INCLUDE ("board_id","code","kind","attempts");
