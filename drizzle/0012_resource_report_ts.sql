ALTER TABLE "device_message" ADD COLUMN "resource_id" text;--> statement-breakpoint
ALTER TABLE "resource" ADD COLUMN "fuel_ts" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "resource" ADD COLUMN "quantity_ts" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "resource" ADD COLUMN "note_ts" timestamp with time zone;