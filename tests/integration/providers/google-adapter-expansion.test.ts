import { describe, expect, it } from "vitest";
import { expandOccurrences } from "../../../lib/ical/expand-occurrences.ts";
import { CALENDAR_ID, googleFixture, setupGoogleProvider } from "../../fakes/google/setup-google-provider.ts";

const g = setupGoogleProvider();
const calendar = { remoteId: CALENDAR_ID };

interface Instance {
  start: { dateTime?: string; date?: string };
}

/** Google's own expansion (singleEvents=true) as UTC instants / dates. */
async function googleStarts(): Promise<string[]> {
  const grant = await g.fake.control.createGrant({});
  const response = await fetch(
    `${g.fake.url}/calendar/v3/calendars/${encodeURIComponent(CALENDAR_ID)}/events?singleEvents=true&orderBy=startTime&timeMin=2026-01-01T00:00:00Z&timeMax=2027-01-01T00:00:00Z`,
    { headers: { authorization: `Bearer ${grant.accessToken}` } },
  );
  const body = (await response.json()) as { items: Instance[] };
  return body.items.map((i) =>
    i.start.date ? i.start.date : new Date(i.start.dateTime ?? "").toISOString().replace(".000", ""),
  );
}

describe("Google series converted to iCalendar", () => {
  it.each([
    [
      "weekly-series",
      "2026-03-04T08:00:00Z",
      "2026-03-09T08:00:00Z",
      { dateTime: "2026-03-04T15:30:00+01:00", timeZone: "Europe/Berlin" },
    ],
    ["all-day-monthly", "2026-03-01", "2026-05-01", { date: "2026-03-03" }],
  ])(
    "expands like Google does after a moved and a cancelled occurrence (%s)",
    async (fixture, moved, cancelled, newStart) => {
      const [master] = await g.fake.control.seedEvents(CALENDAR_ID, [googleFixture(fixture)]);
      const stamp = (value: string) => value.replace(/[-:]/g, "");
      const movedEnd =
        "date" in newStart
          ? { date: "2026-03-04" }
          : { dateTime: "2026-03-04T15:45:00+01:00", timeZone: "Europe/Berlin" };
      await g.fake.control.mutate({
        calendarId: CALENDAR_ID,
        action: "patch",
        eventId: `${master?.id}_${stamp(moved)}`,
        event: { start: newStart, end: movedEnd },
      });
      await g.fake.control.mutate({
        calendarId: CALENDAR_ID,
        action: "delete",
        eventId: `${master?.id}_${stamp(cancelled)}`,
      });
      const pulled = await g.provider.pull({ calendar, cursor: null });
      const change = pulled.changes[0];
      if (change?.type !== "upsert") throw new Error("expected one upsert");
      const ours = expandOccurrences({
        ical: change.ical,
        rangeStart: "2026-01-01T00:00:00Z",
        rangeEnd: "2027-01-01T00:00:00Z",
      })
        .map((o) => o.start.replace(".000", ""))
        .sort();
      const theirs = (await googleStarts()).sort();
      expect(theirs.length).toBeGreaterThan(3);
      expect(ours).toEqual(theirs);
    },
  );
});
