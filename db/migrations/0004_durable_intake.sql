-- Durable intake: a delivery whose transaction failed stays pending (its raw bytes kept) and is retried.
ALTER TABLE "webhook_deliveries" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "next_attempt_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "payload" bytea;
--> statement-breakpoint
UPDATE "webhook_deliveries" SET "status" = 'failed' WHERE "status" = 'error';
--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "status" = 'pending';
--> statement-breakpoint
-- Titles of any length: a hash index holds only the hash, so a 5,000-character title still fits.
DROP INDEX IF EXISTS "requests_title_key_idx";
--> statement-breakpoint
CREATE INDEX "requests_title_key_idx" ON "requests" USING hash ("title_key");
--> statement-breakpoint
-- Early deliveries: a signal that matched nothing yet waits here until what it refers to appears.
CREATE TABLE "parked_signals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "parked_signals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" bigint,
	"source" text NOT NULL,
	"event" jsonb NOT NULL,
	"keys" text[] NOT NULL,
	"summary" text NOT NULL,
	"status" text DEFAULT 'parked' NOT NULL,
	"parked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "parked_signals" ADD CONSTRAINT "parked_signals_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "parked_signals_keys_idx" ON "parked_signals" USING gin ("keys") WHERE "status" = 'parked';
--> statement-breakpoint
CREATE INDEX "parked_signals_expires_idx" ON "parked_signals" USING btree ("expires_at") WHERE "status" = 'parked';
