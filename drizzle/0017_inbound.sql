CREATE SEQUENCE "public"."messaging_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1;--> statement-breakpoint
CREATE TABLE "sms_tasking" (
	"tasking_id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"team_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"lang" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_tasking_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "inbound_message" ADD COLUMN "masked" text;--> statement-breakpoint
ALTER TABLE "inbound_message" ADD COLUMN "located" text;--> statement-breakpoint
CREATE INDEX "sms_tasking_team_idx" ON "sms_tasking" USING btree ("team_id","created_at" DESC NULLS LAST);