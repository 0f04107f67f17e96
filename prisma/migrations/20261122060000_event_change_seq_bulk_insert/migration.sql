-- Bulk inserts of pulled events take their change numbers themselves (lib/sync/pull/
-- write-event-rows.ts): after one "concord_next_change_seq"(userId) call has announced the
-- transaction as a writer of that user, each row takes nextval() in the INSERT's own SELECT.
-- The row trigger stays for every other insert (their "changeSeq" is the column default 0)
-- and for every update. A plpgsql call per row was ~20% of a 10k-event first pull.
DROP TRIGGER "Event_change_seq" ON "Event";

CREATE TRIGGER "Event_change_seq_insert"
  BEFORE INSERT ON "Event"
  FOR EACH ROW WHEN (NEW."changeSeq" = 0) EXECUTE FUNCTION "concord_event_change_seq"();

CREATE TRIGGER "Event_change_seq_update"
  BEFORE UPDATE ON "Event"
  FOR EACH ROW EXECUTE FUNCTION "concord_event_change_seq"();
