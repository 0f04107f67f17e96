-- Client sync change numbers without making writers wait for each other (docs/client-sync.md).
--
-- The first version took an exclusive per-user advisory lock in the row trigger. A row trigger
-- runs after its row is locked, so two transactions writing the same user's events could
-- deadlock (a pull holding the lock updates a row a local edit locked just before asking for
-- the lock). Now writers only announce themselves, and readers work around them:
-- - on its first Event write for a user, a transaction takes, until it ends,
--   a shared advisory lock (7301, hashtext(userId))  -- "a writer of this user is in flight"
--   and a shared advisory lock on its first change number (bigint key = the number);
-- - a reader takes its snapshot as min(latest committed number, lowest in-flight number - 1),
--   reading pg_locks after the latest number (lib/client-sync/read-sync-horizon.ts). Every
--   number at or below the snapshot is committed or rolled back, so a token never skips a
--   change that commits later. Shared locks never conflict with each other: no writer waits.
-- The "done once per transaction" flag is a transaction-local setting (set_config(..., true)).

CREATE OR REPLACE FUNCTION "concord_next_change_seq"(owner TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
  flag TEXT := 'concord.cs_' || replace(hashtext(owner)::text, '-', 'm');
  seq BIGINT;
BEGIN
  IF coalesce(current_setting(flag, true), '') = '' THEN
    -- Announce before taking the number, so a reader that sees the number also sees the lock.
    PERFORM pg_advisory_xact_lock_shared(7301, hashtext(owner));
    seq := nextval('"EventChangeSeq"');
    PERFORM pg_advisory_xact_lock_shared(seq);
    PERFORM set_config(flag, seq::text, true);
    RETURN seq;
  END IF;
  RETURN nextval('"EventChangeSeq"');
END;
$$;

CREATE OR REPLACE FUNCTION "concord_event_change_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."changeSeq" := "concord_next_change_seq"(NEW."userId");
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION "concord_event_tombstone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Skipped when the user itself is gone (the cascade from "User" already removed it).
  IF NOT EXISTS (SELECT 1 FROM "User" WHERE "id" = OLD."userId") THEN
    RETURN OLD;
  END IF;
  INSERT INTO "EventTombstone" ("id", "userId", "eventId", "calendarId", "changeSeq", "deletedAt")
  VALUES (gen_random_uuid()::text, OLD."userId", OLD."id", OLD."calendarId", "concord_next_change_seq"(OLD."userId"),
          now() AT TIME ZONE 'UTC');
  RETURN OLD;
END;
$$;

-- Lowest change number of the user's writers still in flight (null when none): their
-- announcement locks, matched by transaction. Bigint advisory keys show as classid = high 32
-- bits, objid = low 32 bits, objsubid = 1.
CREATE OR REPLACE FUNCTION "concord_inflight_change_seq"(owner TEXT) RETURNS BIGINT LANGUAGE sql STABLE AS $$
  SELECT min((number.classid::bigint << 32) | number.objid::bigint)
  FROM pg_locks writer
  JOIN pg_locks number ON number.virtualtransaction = writer.virtualtransaction
  WHERE writer.locktype = 'advisory' AND writer.classid = 7301 AND writer.objid = hashtext(owner)::oid
    AND writer.objsubid = 2 AND writer.granted
    AND number.locktype = 'advisory' AND number.objsubid = 1 AND number.granted
$$;
