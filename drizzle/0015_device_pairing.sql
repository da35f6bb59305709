CREATE TABLE "device_pairing" (
	"id" text PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"redeemed_at" timestamp with time zone,
	"credential_id" text,
	CONSTRAINT "device_pairing_code_hash_unique" UNIQUE("code_hash")
);
