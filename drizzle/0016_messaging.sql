CREATE TABLE "contact" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"organisation" text,
	"lang" text DEFAULT 'tg' NOT NULL,
	"phone" text,
	"telegram_chat_id" text,
	"email" text,
	"groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"area_kind" text NOT NULL,
	"area_label" text NOT NULL,
	"area" jsonb NOT NULL,
	"team_id" text,
	"exercise_test" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_message" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"address" text NOT NULL,
	"text" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"contact_id" text,
	"team_id" text,
	"public" boolean DEFAULT true NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"incident_id" text,
	"lang" text,
	"exercise" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_message_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text NOT NULL,
	"contact_id" text,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"lang" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"external_id" text,
	"exercise" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE INDEX "contact_phone_idx" ON "contact" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "contact_chat_idx" ON "contact" USING btree ("telegram_chat_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_channel_ext_idx" ON "inbound_message" USING btree ("channel","external_id");--> statement-breakpoint
CREATE INDEX "inbound_received_idx" ON "inbound_message" USING btree ("received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "outbox_source_idx" ON "outbox" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "outbox_external_idx" ON "outbox" USING btree ("channel","external_id");