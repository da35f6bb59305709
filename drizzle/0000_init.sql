CREATE TABLE "team" (
	"id" text PRIMARY KEY NOT NULL,
	"callsign" text NOT NULL,
	"kind" text DEFAULT 'rescue' NOT NULL,
	"home_base" text,
	"status" text,
	"status_ts" timestamp with time zone,
	"incident_id" text,
	"personnel" integer,
	"note" text,
	"lat" double precision,
	"lon" double precision,
	"position_ts" timestamp with time zone,
	"heading_deg" double precision,
	"speed_mps" double precision,
	"battery_pct" double precision,
	"exercise" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_position" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"accuracy_m" double precision,
	"speed_mps" double precision,
	"heading_deg" double precision,
	"altitude_m" double precision,
	"battery_pct" double precision,
	"exercise" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"severity" integer NOT NULL,
	"status" text DEFAULT 'reported' NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"area" jsonb,
	"casualties" jsonb DEFAULT '{"dead":0,"injured":0,"missing":0,"trapped":0}'::jsonb NOT NULL,
	"affected" jsonb DEFAULT '{"people":0,"households":0}'::jsonb NOT NULL,
	"needs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reporter" text,
	"reported_at" timestamp with time zone NOT NULL,
	"updated_ts" timestamp with time zone NOT NULL,
	"exercise" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"exercise" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensor" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"lat" double precision,
	"lon" double precision,
	"warning" double precision,
	"danger" double precision,
	"last_value" double precision,
	"last_ts" timestamp with time zone,
	"exercise" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensor_reading" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sensor_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text,
	"exercise" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_extent" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hazard_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"depth_m" double precision,
	"volume_m3" double precision,
	"exercise" text,
	"demo" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shelter" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"capacity" integer NOT NULL,
	"occupancy" integer DEFAULT 0 NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exercise" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scenario" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"entity_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dead_letter" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" "bytea" NOT NULL,
	"reason" text NOT NULL,
	"detail" text NOT NULL,
	"sender" text,
	"msg_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingested_message" (
	"sender" text NOT NULL,
	"msg_id" text NOT NULL,
	"topic" text NOT NULL,
	"family" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text NOT NULL,
	"exercise" text,
	CONSTRAINT "ingested_message_sender_msg_id_pk" PRIMARY KEY("sender","msg_id")
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "team_position_team_ts_idx" ON "team_position" USING btree ("team_id","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "team_position_ts_idx" ON "team_position" USING btree ("ts");--> statement-breakpoint
CREATE INDEX "incident_open_idx" ON "incident" USING btree ("status","severity") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "incident_event_incident_ts_idx" ON "incident_event" USING btree ("incident_id","ts");--> statement-breakpoint
CREATE INDEX "sensor_reading_sensor_ts_idx" ON "sensor_reading" USING btree ("sensor_id","ts");--> statement-breakpoint
CREATE INDEX "sensor_reading_ts_idx" ON "sensor_reading" USING btree ("ts");--> statement-breakpoint
CREATE INDEX "hazard_extent_hazard_ts_idx" ON "hazard_extent" USING btree ("hazard_id","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dead_letter_received_idx" ON "dead_letter" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "ingested_received_idx" ON "ingested_message" USING btree ("received_at");