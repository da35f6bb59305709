CREATE TABLE "tasking" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"exercise" text,
	"sent_at" timestamp with time zone NOT NULL,
	"answer" text,
	"reason" text,
	"note" text,
	"answered_at" timestamp with time zone,
	"ack_msg_id" text
);
--> statement-breakpoint
ALTER TABLE "team" ADD COLUMN "tasking_id" text;--> statement-breakpoint
CREATE INDEX "tasking_team_idx" ON "tasking" USING btree ("team_id","sent_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tasking_exercise_idx" ON "tasking" USING btree ("exercise","sent_at");