CREATE TABLE "board_retention" (
	"board_id" integer PRIMARY KEY NOT NULL,
	"attempts_months" smallint DEFAULT 12 NOT NULL,
	"resolved_tickets_months" smallint DEFAULT 24 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_staff_id" uuid,
	CONSTRAINT "board_retention_attempts_ck" CHECK ("board_retention"."attempts_months" between 1 and 120),
	CONSTRAINT "board_retention_tickets_ck" CHECK ("board_retention"."resolved_tickets_months" between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "email_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_account_id" uuid NOT NULL,
	"new_email" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_change_requests_attempts_ck" CHECK ("email_change_requests"."attempts" <= "email_change_requests"."max_attempts")
);
--> statement-breakpoint
CREATE TABLE "privacy_incidents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "privacy_incidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"board_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"source" text NOT NULL,
	"reported_by_parent_id" uuid,
	"declared_by_staff_id" uuid,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"student_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"audit_log_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"personal_information" text,
	"personal_information_undescribed_reason" text,
	"circumstances" text,
	"occurred_from" date,
	"occurred_to" date,
	"discovered_on" date NOT NULL,
	"people_concerned" integer,
	"risk_sensitivity" text,
	"risk_misuse" text,
	"risk_consequences" text,
	"risk_likelihood" text,
	"serious_injury_risk" boolean,
	"commission_notified_on" date,
	"people_notified_on" date,
	"public_notice_on" date,
	"public_notice_reason" text,
	"measures" text,
	"closed_at" timestamp with time zone,
	"closed_by_staff_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_incidents_status_ck" CHECK ("privacy_incidents"."status" in ('open', 'closed')),
	CONSTRAINT "privacy_incidents_source_ck" CHECK ("privacy_incidents"."source" in ('parent_report', 'staff_declaration')),
	CONSTRAINT "privacy_incidents_people_ck" CHECK ("privacy_incidents"."people_concerned" is null or "privacy_incidents"."people_concerned" >= 0),
	CONSTRAINT "privacy_incidents_period_ck" CHECK ("privacy_incidents"."occurred_to" is null or "privacy_incidents"."occurred_from" is null or "privacy_incidents"."occurred_from" <= "privacy_incidents"."occurred_to")
);
--> statement-breakpoint
CREATE TABLE "purged_attempt_totals" (
	"day" date NOT NULL,
	"board_id" integer DEFAULT 0 NOT NULL,
	"school_id" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"successful_attempts" integer DEFAULT 0 NOT NULL,
	"failure_reasons" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "board_retention" ADD CONSTRAINT "board_retention_board_id_school_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."school_boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_retention" ADD CONSTRAINT "board_retention_updated_by_staff_id_staff_users_id_fk" FOREIGN KEY ("updated_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_change_requests" ADD CONSTRAINT "email_change_requests_parent_account_id_parent_accounts_id_fk" FOREIGN KEY ("parent_account_id") REFERENCES "public"."parent_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_incidents" ADD CONSTRAINT "privacy_incidents_board_id_school_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."school_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_incidents" ADD CONSTRAINT "privacy_incidents_declared_by_staff_id_staff_users_id_fk" FOREIGN KEY ("declared_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_incidents" ADD CONSTRAINT "privacy_incidents_closed_by_staff_id_staff_users_id_fk" FOREIGN KEY ("closed_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_change_requests_account_idx" ON "email_change_requests" USING btree ("parent_account_id","created_at");--> statement-breakpoint
CREATE INDEX "privacy_incidents_board_created_idx" ON "privacy_incidents" USING btree ("board_id","created_at");--> statement-breakpoint
CREATE INDEX "privacy_incidents_reporter_idx" ON "privacy_incidents" USING btree ("reported_by_parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purged_attempt_totals_uq" ON "purged_attempt_totals" USING btree ("board_id","day","school_id");