ALTER TABLE "dead_letter" ADD COLUMN "payload_bytes" integer;--> statement-breakpoint
ALTER TABLE "dead_letter" ADD COLUMN "payload_sha256" text;--> statement-breakpoint
-- Rows of older versions kept every payload whole: their size and hash are those of the bytes kept.
UPDATE "dead_letter" SET "payload_bytes" = octet_length("payload"), "payload_sha256" = encode(sha256("payload"), 'hex');
