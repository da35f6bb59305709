CREATE TABLE "device_credential" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"username" text NOT NULL,
	"secret_hash" text NOT NULL,
	"name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "device_credential_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE INDEX "device_credential_team_idx" ON "device_credential" USING btree ("team_id");