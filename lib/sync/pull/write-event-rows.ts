/**
 * Bulk writes of pulled Event rows: one INSERT ... SELECT FROM json_to_recordset($json) per
 * batch and one UPDATE ... FROM json_to_recordset($json) per batch. Prisma's createMany spent
 * milliseconds per row here (a 10k-event first pull took tens of seconds), and column arrays
 * cost twice what one JSON parameter does (the driver escapes every array element in JS; the
 * server parses JSON natively). Times travel as ISO strings and are stored as UTC wall time,
 * exactly as Prisma stores DateTime in TIMESTAMP(3) columns.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../db/generated/client.ts";
import type { RemoteObject } from "../../providers/types.ts";
import type { EventColumns, ParsedRemote } from "./event-columns.ts";

const utc = (column: string) => `(${column}::timestamptz AT TIME ZONE 'UTC')`;

/** The record type json_to_recordset reads; keys match rowJson below. */
const RECORD =
  "id text, ref text, version int, etag text, ical text, uid text, title text, start_at text, end_at text, " +
  "time_zone text, all_day boolean, location text, description text, status text, is_recurring boolean, " +
  "series_start text, series_end text, parse_error text";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function rowJson(params: { id: string; version?: number; remote: RemoteObject; parsed: ParsedRemote }) {
  const { remote, parsed } = params;
  const columns: EventColumns | null = parsed.columns;
  return {
    id: params.id,
    ref: remote.ref,
    version: params.version ?? 1,
    etag: remote.etag,
    ical: remote.ical,
    uid: columns ? columns.uid : parsed.parseError !== null ? parsed.uid : "",
    title: columns?.title ?? "",
    start_at: iso(columns?.startAt ?? null),
    end_at: iso(columns?.endAt ?? null),
    time_zone: columns?.timeZone ?? null,
    all_day: columns?.allDay ?? false,
    location: columns?.location ?? null,
    description: columns?.description ?? null,
    status: columns?.status ?? "confirmed",
    is_recurring: columns?.isRecurring ?? false,
    series_start: iso(columns?.seriesStart ?? null),
    series_end: iso(columns?.seriesEnd ?? null),
    parse_error: parsed.parseError,
  };
}

export async function insertEventRows(params: {
  tx: Prisma.TransactionClient;
  userId: string;
  calendarId: string;
  remotes: RemoteObject[];
  parse: (remote: RemoteObject) => ParsedRemote;
}): Promise<number> {
  if (params.remotes.length === 0) return 0;
  const rows = params.remotes.map((remote) => rowJson({ id: randomUUID(), remote, parsed: params.parse(remote) }));
  // A row a concurrent pull of the same calendar inserted first wins (ON CONFLICT DO NOTHING):
  // both copies came from the same remote state.
  return params.tx.$executeRawUnsafe(
    `INSERT INTO "Event" ("id", "userId", "calendarId", "remoteRef", "etag", "ical", "base", "uid", "title",
       "startAt", "endAt", "timeZone", "allDay", "location", "description", "status", "isRecurring",
       "seriesStart", "seriesEnd", "parseError", "syncState", "version", "createdAt", "updatedAt")
     SELECT u.id, $1, $2, u.ref, u.etag, u.ical, u.ical, u.uid, u.title,
       ${utc("u.start_at")}, ${utc("u.end_at")}, u.time_zone, u.all_day, u.location, u.description, u.status,
       u.is_recurring, ${utc("u.series_start")}, ${utc("u.series_end")}, u.parse_error, 'SYNCED', 1,
       ${utc("$3")}, ${utc("$3")}
     FROM json_to_recordset($4::json) AS u(${RECORD})
     ON CONFLICT DO NOTHING`,
    params.userId,
    params.calendarId,
    new Date().toISOString(),
    JSON.stringify(rows),
  );
}

/**
 * Updates rows to the remote version, each only if it still has the version and SYNCED state
 * the plan read: a local edit that slipped in meanwhile is never overwritten (its push meets
 * the new etag with a 412 and merges). Returns how many rows were updated.
 */
export async function updateEventRows(params: {
  tx: Prisma.TransactionClient;
  updates: { row: { id: string; version: number }; remote: RemoteObject }[];
  parse: (remote: RemoteObject) => ParsedRemote;
}): Promise<number> {
  if (params.updates.length === 0) return 0;
  const rows = params.updates.map(({ row, remote }) =>
    rowJson({ id: row.id, version: row.version, remote, parsed: params.parse(remote) }),
  );
  return params.tx.$executeRawUnsafe(
    `UPDATE "Event" AS e SET
       "etag" = u.etag, "ical" = u.ical, "base" = u.ical, "uid" = u.uid, "title" = u.title,
       "startAt" = ${utc("u.start_at")}, "endAt" = ${utc("u.end_at")}, "timeZone" = u.time_zone,
       "allDay" = u.all_day, "location" = u.location, "description" = u.description, "status" = u.status,
       "isRecurring" = u.is_recurring, "seriesStart" = ${utc("u.series_start")},
       "seriesEnd" = ${utc("u.series_end")}, "parseError" = u.parse_error,
       "version" = e."version" + 1, "updatedAt" = ${utc("$1")}
     FROM json_to_recordset($2::json) AS u(${RECORD})
     WHERE e."id" = u.id AND e."version" = u.version AND e."syncState" = 'SYNCED'`,
    new Date().toISOString(),
    JSON.stringify(rows),
  );
}
