CREATE TABLE "downloads" (
	"hash" text PRIMARY KEY NOT NULL,
	"request_id" integer,
	"source" text NOT NULL,
	"name" text,
	"size" bigint,
	"progress" double precision DEFAULT 0 NOT NULL,
	"download_speed" bigint,
	"eta_seconds" integer,
	"client_state" text,
	"status" text NOT NULL,
	"quality" text,
	"indexer" text,
	"completed_at" timestamp with time zone,
	"imported_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "episodes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "episodes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"season_number" integer NOT NULL,
	"episode_number" integer NOT NULL,
	"title" text,
	"air_date" text,
	"tvdb_id" integer,
	"arr_episode_id" integer,
	"stage" text NOT NULL,
	"download_hash" text,
	"jellyfin_item_id" text,
	"stage_times" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"media_type" text NOT NULL,
	"jellyseerr_request_id" integer,
	"tmdb_id" integer,
	"tvdb_id" integer,
	"imdb_id" text,
	"arr_id" integer,
	"title" text NOT NULL,
	"title_key" text NOT NULL,
	"year" integer,
	"poster_url" text,
	"is_anime" boolean DEFAULT false NOT NULL,
	"is_4k" boolean DEFAULT false NOT NULL,
	"requested_by" text,
	"requested_by_email" text,
	"requested_seasons" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"own_stage" text NOT NULL,
	"stage" text NOT NULL,
	"episode_counts" jsonb,
	"stage_times" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attention_kind" text,
	"attention_reason" text,
	"attention_since" timestamp with time zone,
	"attention_stage" text,
	"quality" text,
	"indexer" text,
	"jellyfin_item_id" text,
	"available_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_status" (
	"source" text PRIMARY KEY NOT NULL,
	"connected_at" timestamp with time zone,
	"last_delivery_at" timestamp with time zone,
	"last_event_type" text
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "timeline_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"event" text NOT NULL,
	"stage" text,
	"message" text NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"event_type" text,
	"dedupe_key" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"content_type" text,
	"body" text NOT NULL,
	"error" text,
	"request_ids" integer[] DEFAULT '{}'::integer[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "downloads" ADD CONSTRAINT "downloads_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "downloads_request_idx" ON "downloads" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "episodes_request_season_episode_key" ON "episodes" USING btree ("request_id","season_number","episode_number");--> statement-breakpoint
CREATE INDEX "episodes_tvdb_idx" ON "episodes" USING btree ("tvdb_id");--> statement-breakpoint
CREATE INDEX "episodes_download_idx" ON "episodes" USING btree ("download_hash");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at") WHERE "outbox"."sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "requests_jellyseerr_request_id_key" ON "requests" USING btree ("jellyseerr_request_id");--> statement-breakpoint
CREATE INDEX "requests_tmdb_idx" ON "requests" USING btree ("media_type","tmdb_id");--> statement-breakpoint
CREATE INDEX "requests_tvdb_idx" ON "requests" USING btree ("media_type","tvdb_id");--> statement-breakpoint
CREATE INDEX "requests_updated_idx" ON "requests" USING btree ("updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "requests_stage_idx" ON "requests" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "requests_title_key_idx" ON "requests" USING btree ("title_key");--> statement-breakpoint
CREATE INDEX "requests_jellyfin_item_idx" ON "requests" USING btree ("jellyfin_item_id");--> statement-breakpoint
CREATE INDEX "timeline_request_idx" ON "timeline_events" USING btree ("request_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_dedupe_key" ON "webhook_deliveries" USING btree ("source","dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_idx" ON "webhook_deliveries" USING btree ("received_at");