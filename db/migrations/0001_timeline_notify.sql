-- Custom SQL migration file, put your code below! --
-- Every committed timeline row wakes the live fan-out; the payload is only the sequence number.
CREATE OR REPLACE FUNCTION notify_timeline_insert() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('timeline', NEW.seq::text);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER timeline_events_notify AFTER INSERT ON timeline_events
  FOR EACH ROW EXECUTE FUNCTION notify_timeline_insert();
