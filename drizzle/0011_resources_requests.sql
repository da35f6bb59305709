CREATE TABLE "request_assignment" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"resource_id" text,
	"store_id" text,
	"quantity" double precision,
	"at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"exercise" text
);
--> statement-breakpoint
CREATE TABLE "resource" (
	"id" text PRIMARY KEY NOT NULL,
	"kind_id" text NOT NULL,
	"name" text NOT NULL,
	"plate" text,
	"agency" text,
	"home_base" text,
	"capability" text,
	"status" text DEFAULT 'available' NOT NULL,
	"status_ts" timestamp with time zone,
	"lat" double precision,
	"lon" double precision,
	"position_ts" timestamp with time zone,
	"fuel_pct" double precision,
	"quantity" double precision,
	"note" text,
	"team_id" text,
	"request_id" text,
	"incident_id" text,
	"exercise" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_kind" (
	"id" text PRIMARY KEY NOT NULL,
	"names" jsonb NOT NULL,
	"class" text NOT NULL,
	"unit" text DEFAULT 'unit' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_request" (
	"id" text PRIMARY KEY NOT NULL,
	"kind_id" text NOT NULL,
	"quantity" double precision NOT NULL,
	"incident_id" text,
	"place" text,
	"lat" double precision,
	"lon" double precision,
	"priority" text DEFAULT 'normal' NOT NULL,
	"needed_by" timestamp with time zone,
	"requester_kind" text NOT NULL,
	"requester" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"reason" text,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"assigned_at" timestamp with time zone,
	"en_route_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"exercise" text,
	"demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_request_step" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"exercise" text
);
--> statement-breakpoint
CREATE TABLE "stock" (
	"store_id" text NOT NULL,
	"kind_id" text NOT NULL,
	"quantity" double precision DEFAULT 0 NOT NULL,
	"minimum" double precision,
	"exercise" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_store_id_kind_id_pk" PRIMARY KEY("store_id","kind_id")
);
--> statement-breakpoint
CREATE TABLE "store" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"agency" text,
	"district" text,
	"lat" double precision,
	"lon" double precision,
	"exercise" text,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device" ADD COLUMN "resource_id" text;--> statement-breakpoint
CREATE INDEX "request_assignment_req_idx" ON "request_assignment" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "resource_kind_idx" ON "resource" USING btree ("kind_id","status");--> statement-breakpoint
CREATE INDEX "resource_request_status_idx" ON "resource_request" USING btree ("status");--> statement-breakpoint
CREATE INDEX "resource_request_step_req_idx" ON "resource_request_step" USING btree ("request_id","at");