ALTER TABLE "parent_accounts" ADD COLUMN "signup_board_id" integer;--> statement-breakpoint
ALTER TABLE "school_boards" ADD COLUMN "password_min_classes" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "verification_codes" ADD COLUMN "board_id" integer;--> statement-breakpoint
ALTER TABLE "parent_accounts" ADD CONSTRAINT "parent_accounts_signup_board_id_school_boards_id_fk" FOREIGN KEY ("signup_board_id") REFERENCES "public"."school_boards"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_codes" ADD CONSTRAINT "verification_codes_board_id_school_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."school_boards"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_boards" ADD CONSTRAINT "school_boards_password_min_classes_ck" CHECK ("school_boards"."password_min_classes" between 0 and 4);