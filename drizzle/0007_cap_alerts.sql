CREATE TABLE "alert" (
	"id" text PRIMARY KEY NOT NULL,
	"sender" text NOT NULL,
	"identifier" text NOT NULL,
	"sent" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"msg_type" text NOT NULL,
	"scope" text NOT NULL,
	"refs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"doc" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"superseded_by" text,
	"superseded_type" text,
	"origin" text NOT NULL,
	"actor" text,
	"exercise" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_key_idx" ON "alert" USING btree ("sender","identifier","sent");--> statement-breakpoint
CREATE INDEX "alert_expires_idx" ON "alert" USING btree ("expires_at");