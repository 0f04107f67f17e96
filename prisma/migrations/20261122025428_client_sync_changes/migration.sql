-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "changeSeq" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "EventTombstone" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "calendarId" TEXT NOT NULL,
    "changeSeq" BIGINT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventTombstone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientSyncHorizon" (
    "userId" TEXT NOT NULL,
    "horizonSeq" BIGINT NOT NULL DEFAULT 0,
    "compactedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClientSyncHorizon_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "EventTombstone_userId_changeSeq_idx" ON "EventTombstone"("userId", "changeSeq");

-- CreateIndex
CREATE INDEX "EventTombstone_deletedAt_idx" ON "EventTombstone"("deletedAt");

-- CreateIndex
CREATE INDEX "Event_userId_changeSeq_idx" ON "Event"("userId", "changeSeq");

-- Change tracking for the client sync API (docs/client-sync.md), kept by the database itself so
-- that no writer (pull, local edit, cascade from a removed calendar) can forget it. Prisma's model
-- does not describe sequences or triggers; the drift check compares tables and indexes only.
CREATE SEQUENCE "EventChangeSeq" AS BIGINT;

-- Rows written before this migration get a sequence number too.
UPDATE "Event" SET "changeSeq" = nextval('"EventChangeSeq"');

-- Per-user lock before taking a number: transactions writing one user's events take numbers
-- one after another and commit in that order, so a reader that saw number N committed can
-- never later see a lower number appear (a sync token never skips an uncommitted change).
-- Transaction-scoped: released at commit or rollback. Key space 7301 is only used here.
CREATE FUNCTION "concord_event_change_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7301, hashtext(NEW."userId"));
  NEW."changeSeq" := nextval('"EventChangeSeq"');
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Event_change_seq"
  BEFORE INSERT OR UPDATE ON "Event"
  FOR EACH ROW EXECUTE FUNCTION "concord_event_change_seq"();

-- A deleted event leaves a tombstone, so an incremental answer can say {id, status:"cancelled"}.
-- Skipped when the user itself is gone (the cascade from "User" already removed it).
CREATE FUNCTION "concord_event_tombstone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "User" WHERE "id" = OLD."userId") THEN
    RETURN OLD;
  END IF;
  PERFORM pg_advisory_xact_lock(7301, hashtext(OLD."userId"));
  INSERT INTO "EventTombstone" ("id", "userId", "eventId", "calendarId", "changeSeq", "deletedAt")
  VALUES (gen_random_uuid()::text, OLD."userId", OLD."id", OLD."calendarId", nextval('"EventChangeSeq"'),
          now() AT TIME ZONE 'UTC');
  RETURN OLD;
END;
$$;

CREATE TRIGGER "Event_tombstone"
  AFTER DELETE ON "Event"
  FOR EACH ROW EXECUTE FUNCTION "concord_event_tombstone"();
