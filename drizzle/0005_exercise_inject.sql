CREATE TABLE "exercise_inject" (
	"exercise" text NOT NULL,
	"number" integer NOT NULL,
	"scenario_sec" integer NOT NULL,
	"type" text NOT NULL,
	"from_actor" text NOT NULL,
	"to_player" text NOT NULL,
	"message" text NOT NULL,
	"expected_action" text,
	"expected_kind" text DEFAULT 'none' NOT NULL,
	"objective" text,
	"effects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exercise_inject_exercise_number_pk" PRIMARY KEY("exercise","number")
);
--> statement-breakpoint
CREATE INDEX "exercise_inject_delivered_idx" ON "exercise_inject" USING btree ("exercise","delivered_at");