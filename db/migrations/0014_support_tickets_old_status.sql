DROP INDEX "support_tickets_status_idx";--> statement-breakpoint
ALTER TABLE "support_tickets" DROP COLUMN "section";--> statement-breakpoint
ALTER TABLE "support_tickets" DROP COLUMN "status";--> statement-breakpoint
DROP TYPE "public"."ticket_status";