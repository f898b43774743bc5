-- A student's (board, school) references the school and its board in one foreign key instead of two: an import of
-- a million students ran two row checks for each (board, then school), now one (bench/import: ~3 CPU-seconds a
-- million), and a student's school must now be one of its board's. The board stays referenced through the school
-- (schools.board_id → school_boards), so neither can be deleted while a student names them.
-- Live database: the key is added NOT VALID (no scan), then validated by one scan (0.4 s for a million students
-- here); the migration's transaction holds writes to students and schools meanwhile, never reads.
CREATE UNIQUE INDEX "schools_board_id_uq" ON "schools" USING btree ("board_id","id");--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_school_of_board_fk" FOREIGN KEY ("board_id","school_id") REFERENCES "public"."schools"("board_id","id") ON DELETE no action ON UPDATE no action NOT VALID;--> statement-breakpoint
ALTER TABLE "students" VALIDATE CONSTRAINT "students_school_of_board_fk";--> statement-breakpoint
ALTER TABLE "students" DROP CONSTRAINT "students_board_id_school_boards_id_fk";--> statement-breakpoint
ALTER TABLE "students" DROP CONSTRAINT "students_school_id_schools_id_fk";
