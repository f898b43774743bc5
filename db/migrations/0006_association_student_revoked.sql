DROP INDEX "associations_student_idx";--> statement-breakpoint
CREATE INDEX "associations_student_idx" ON "associations" USING btree ("student_id","revoked_at");