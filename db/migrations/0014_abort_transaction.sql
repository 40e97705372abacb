-- Ends the transaction it runs in with an error of the app's own class (ST): a statement sent together with its
-- transaction's commit calls it when what it finds means the transaction must not commit, and the server then answers
-- that commit with a rollback (db/pipelined-transaction.ts).
CREATE FUNCTION "abort_transaction"("code" text, "reason" text) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION USING ERRCODE = "code", MESSAGE = "reason";
END
$$;
