CREATE TABLE "incident_photo" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"sender" text NOT NULL,
	"msg_id" text NOT NULL,
	"reporter" text,
	"ts" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"exercise" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_photo" ADD CONSTRAINT "incident_photo_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_photo_incident_idx" ON "incident_photo" USING btree ("incident_id","ts");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_photo_msg_idx" ON "incident_photo" USING btree ("sender","msg_id");