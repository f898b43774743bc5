CREATE TYPE "public"."import_run_status" AS ENUM('reading', 'ready', 'failed', 'applied', 'expired');--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"board_id" integer,
	"staff_user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"status" "import_run_status" DEFAULT 'reading' NOT NULL,
	"encoding" text,
	"delimiter" text,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"total_bytes" bigint,
	"lines_read" integer DEFAULT 0 NOT NULL,
	"failure" jsonb,
	"counts" jsonb,
	"applied_counts" jsonb,
	"rejected_sample" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"changes_sample" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	"applied_by_staff_id" uuid
);
--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_board_id_school_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."school_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_staff_user_id_staff_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_applied_by_staff_id_staff_users_id_fk" FOREIGN KEY ("applied_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_runs_board_created_idx" ON "import_runs" USING btree ("board_id","created_at");