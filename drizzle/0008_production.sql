CREATE TABLE "sign_in_throttle" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "sign_in_throttle_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
ALTER TABLE "dead_letter" ADD COLUMN "payload_bytes" integer;--> statement-breakpoint
ALTER TABLE "dead_letter" ADD COLUMN "payload_sha256" text;--> statement-breakpoint
ALTER TABLE "user_account" ADD COLUMN "password_expires_at" timestamp with time zone;--> statement-breakpoint
-- Rows of older versions kept every payload whole: their size and hash are those of the bytes kept.
UPDATE "dead_letter" SET "payload_bytes" = octet_length("payload"), "payload_sha256" = encode(sha256("payload"), 'hex');--> statement-breakpoint
-- One-time passwords made before they expired: they work for 24 hours from this migration.
UPDATE "user_account" SET "password_expires_at" = now() + interval '24 hours' WHERE "must_change_password" AND "password_expires_at" IS NULL;
