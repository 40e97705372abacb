CREATE TABLE "notify_members" (
	"name_key" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"quiet_start" integer,
	"quiet_end" integer,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_channels" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notify_channels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"owner" text,
	"scheme" text NOT NULL,
	"url" text NOT NULL,
	"push_keys" jsonb,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status" text,
	"last_error" text,
	"last_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	CONSTRAINT "notify_channels_owner_url_key" UNIQUE NULLS NOT DISTINCT("owner","url")
);
--> statement-breakpoint
CREATE TABLE "notify_follows" (
	"member" text NOT NULL,
	"request_id" integer NOT NULL REFERENCES "requests"("id") ON DELETE cascade,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_follows_pkey" PRIMARY KEY("member","request_id")
);
--> statement-breakpoint
CREATE TABLE "notify_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notify_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"recipient" text NOT NULL,
	"batch_key" text NOT NULL,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"title" text,
	"body" text,
	"link" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "notify_messages_due_idx" ON "notify_messages" USING btree ("due_at") WHERE "status" in ('collecting', 'held', 'retrying');
--> statement-breakpoint
CREATE INDEX "notify_messages_open_idx" ON "notify_messages" USING btree ("recipient","batch_key") WHERE "status" in ('collecting', 'held');
--> statement-breakpoint
CREATE TABLE "notify_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notify_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"recipient" text NOT NULL,
	"request_id" integer REFERENCES "requests"("id") ON DELETE set null,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"message_id" bigint NOT NULL REFERENCES "notify_messages"("id") ON DELETE cascade,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notify_items_idempotency_key" ON "notify_items" USING btree ("idempotency_key");
--> statement-breakpoint
CREATE INDEX "notify_items_message_idx" ON "notify_items" USING btree ("message_id");
--> statement-breakpoint
CREATE TABLE "notify_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notify_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" bigint REFERENCES "notify_messages"("id") ON DELETE cascade,
	"channel_id" integer NOT NULL REFERENCES "notify_channels"("id") ON DELETE cascade,
	"at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "notify_attempts_message_idx" ON "notify_attempts" USING btree ("message_id","channel_id");
--> statement-breakpoint
CREATE TABLE "notify_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
