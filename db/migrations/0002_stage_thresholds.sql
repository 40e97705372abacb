CREATE TABLE "stage_thresholds" (
	"stage" text PRIMARY KEY NOT NULL,
	"after_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
