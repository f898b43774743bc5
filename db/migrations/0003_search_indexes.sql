DROP INDEX "students_school_idx";--> statement-breakpoint
CREATE INDEX "students_fiche_idx" ON "students" USING btree ("fiche");--> statement-breakpoint
CREATE INDEX "students_board_name_idx" ON "students" USING btree ("board_id","search_name","id","grade");--> statement-breakpoint
CREATE INDEX "students_search_name_idx" ON "students" USING btree ("search_name","id","grade");--> statement-breakpoint
CREATE INDEX "students_school_idx" ON "students" USING btree ("school_id","search_name","id","grade");