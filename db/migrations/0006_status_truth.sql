ALTER TABLE "requests" ADD COLUMN "attention_specific" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "episodes_listed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "removed_by" text;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "pending_checks" (
	"request_id" integer PRIMARY KEY NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"checked" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"claimed_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
ALTER TABLE "pending_checks" ADD CONSTRAINT "pending_checks_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_checks_due_idx" ON "pending_checks" USING btree ("due_at");
