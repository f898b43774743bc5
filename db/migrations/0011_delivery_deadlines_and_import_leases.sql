ALTER TABLE "email_outbox" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "verification_codes" ADD COLUMN "outbox_email_id" uuid;--> statement-breakpoint
ALTER TABLE "verification_codes" ADD CONSTRAINT "verification_codes_outbox_email_id_email_outbox_id_fk" FOREIGN KEY ("outbox_email_id") REFERENCES "public"."email_outbox"("id") ON DELETE set null ON UPDATE no action;