-- One row the app rewrites to be sure its earlier commits are on disk where the server refuses the empty WAL message
-- it normally writes for that (db/commit.ts): a change committed synchronously returns only once all WAL before it is
-- flushed too.
CREATE TABLE "wal_flush" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "wal_flush_one_row" CHECK ("id" = 1)
);
