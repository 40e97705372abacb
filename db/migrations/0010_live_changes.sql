-- When the transaction that wrote a timeline row began (now()): the same instant every row that transaction
-- changed carries in updated_at, so a live update can send just those episodes and downloads.
ALTER TABLE "timeline_events" ADD COLUMN "tx_at" timestamp with time zone DEFAULT now() NOT NULL;
