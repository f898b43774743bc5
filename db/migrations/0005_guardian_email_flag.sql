-- students.has_guardian_email answers "records without a guardian email" from a small partial index instead of
-- probing guardian_emails for each of a board's students (bench/search.ts: 60-90 ms over a large board).
-- Triggers on guardian_emails keep it exact whatever writes the emails (staff fix, import, seed); they are
-- per statement, so an import of a million emails runs each one once, over the rows it changed.
ALTER TABLE "students" ADD COLUMN "has_guardian_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "students" SET "has_guardian_email" = true WHERE "id" IN (SELECT "student_id" FROM "guardian_emails");--> statement-breakpoint
CREATE INDEX "students_without_guardian_email_idx" ON "students" USING btree ("board_id","search_name","id") WHERE not "students"."has_guardian_email";--> statement-breakpoint
CREATE FUNCTION "guardian_emails_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "students" s SET "has_guardian_email" = true
  FROM (SELECT DISTINCT "student_id" FROM added) a
  WHERE s."id" = a."student_id" AND NOT s."has_guardian_email";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "guardian_emails_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "students" s SET "has_guardian_email" = false
  FROM (SELECT DISTINCT "student_id" FROM removed) r
  WHERE s."id" = r."student_id" AND s."has_guardian_email"
    AND NOT EXISTS (SELECT 1 FROM "guardian_emails" g WHERE g."student_id" = s."id");
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "guardian_emails_insert_flag" AFTER INSERT ON "guardian_emails"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "guardian_emails_added"();--> statement-breakpoint
CREATE TRIGGER "guardian_emails_update_flag_added" AFTER UPDATE ON "guardian_emails"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "guardian_emails_added"();--> statement-breakpoint
CREATE TRIGGER "guardian_emails_update_flag_removed" AFTER UPDATE ON "guardian_emails"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "guardian_emails_removed"();--> statement-breakpoint
CREATE TRIGGER "guardian_emails_delete_flag" AFTER DELETE ON "guardian_emails"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "guardian_emails_removed"();
