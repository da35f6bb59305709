CREATE TABLE "device" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"team_id" text,
	"name" text,
	"short_name" text,
	"lat" double precision,
	"lon" double precision,
	"position_ts" timestamp with time zone,
	"battery_pct" double precision,
	"voltage" double precision,
	"offline_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"mapped_by" text,
	"mapped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_message" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"accuracy_m" double precision,
	"speed_mps" double precision,
	"heading_deg" double precision,
	"altitude_m" double precision,
	"battery_pct" double precision,
	"text" text,
	"team_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "device_team_idx" ON "device" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "device_message_device_ts_idx" ON "device_message" USING btree ("device_id","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "device_message_ts_idx" ON "device_message" USING btree ("ts");