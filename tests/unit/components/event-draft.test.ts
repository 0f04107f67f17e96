import { describe, expect, it } from "vitest";
import type { Occurrence } from "../../../components/api/api-types.ts";
import {
  changedFields,
  draftFromOccurrence,
  fieldsFromDraft,
  validateDraft,
} from "../../../components/calendar/event-draft.ts";
import {
  calendarStringToInstant,
  FLOATING,
  gridTime,
  instantToLocalInput,
  localInputToInstant,
} from "../../../components/calendar/zoned-time.ts";

const timed: Occurrence = {
  id: "e1",
  eventId: "e1",
  calendarId: "c1",
  title: "Review",
  start: "2027-03-10T09:00:00Z",
  end: "2027-03-10T10:00:00Z",
  allDay: false,
  timeZone: "Europe/Berlin",
  location: null,
  description: null,
  status: "confirmed",
  syncState: "synced",
  readOnly: false,
  etag: '"v1"',
};

describe("wall time in a zone <-> UTC instants", () => {
  it("converts both ways, across a DST change", () => {
    expect(instantToLocalInput({ instant: "2027-03-10T09:00:00Z", timeZone: "Europe/Berlin" })).toBe(
      "2027-03-10T10:00",
    );
    expect(localInputToInstant({ local: "2027-07-01T10:00", timeZone: "Europe/Berlin" })).toBe("2027-07-01T08:00:00Z");
    expect(localInputToInstant({ local: "2027-03-10T10:00", timeZone: "America/New_York" })).toBe(
      "2027-03-10T15:00:00Z",
    );
  });

  it("moves a wall time skipped by DST forward (RFC 5545 §3.3.5)", () => {
    expect(localInputToInstant({ local: "2027-03-28T02:30", timeZone: "Europe/Berlin" })).toBe("2027-03-28T01:30:00Z");
  });

  it("reads FullCalendar strings with an offset, as bare dates, or as zone wall time", () => {
    expect(calendarStringToInstant({ value: "2027-03-09T10:00:00+01:00", timeZone: "UTC" })).toBe(
      "2027-03-09T09:00:00Z",
    );
    expect(calendarStringToInstant({ value: "2027-03-09", timeZone: "UTC" })).toBe("2027-03-09");
    expect(calendarStringToInstant({ value: "2027-03-09T10:00:00", timeZone: "Europe/Berlin" })).toBe(
      "2027-03-09T09:00:00Z",
    );
  });
});

describe("event draft", () => {
  it("round-trips a timed event without changes", () => {
    const draft = draftFromOccurrence({ occurrence: timed, fallbackTimeZone: "UTC" });
    expect(draft.start).toBe("2027-03-10T10:00");
    const fields = fieldsFromDraft(draft);
    expect(fields).toMatchObject({ start: "2027-03-10T09:00:00Z", end: "2027-03-10T10:00:00Z", recurrence: [] });
    expect(changedFields(fields, fields)).toEqual({});
  });

  it("shows an all-day end as the inclusive last day and sends it back exclusive", () => {
    const draft = draftFromOccurrence({
      occurrence: { ...timed, allDay: true, start: "2027-03-10", end: "2027-03-12", timeZone: null },
      fallbackTimeZone: "UTC",
    });
    expect([draft.start, draft.end]).toEqual(["2027-03-10", "2027-03-11"]);
    expect(fieldsFromDraft(draft)).toMatchObject({ start: "2027-03-10", end: "2027-03-12", allDay: true });
  });

  it("sends a time change as the whole start/end/zone group and only what changed otherwise", () => {
    const before = fieldsFromDraft(draftFromOccurrence({ occurrence: timed, fallbackTimeZone: "UTC" }));
    expect(changedFields(before, { ...before, title: "New" })).toEqual({ title: "New" });
    expect(changedFields(before, { ...before, end: "2027-03-10T11:00:00Z" })).toEqual({
      start: before.start,
      end: "2027-03-10T11:00:00Z",
      allDay: false,
      timeZone: "Europe/Berlin",
    });
  });

  it("refuses an end before the start", () => {
    const draft = draftFromOccurrence({ occurrence: timed, fallbackTimeZone: "UTC" });
    expect(validateDraft({ ...draft, end: "2027-03-10T08:59" })).toMatch(/not be before the start/);
    expect(validateDraft(draft)).toBeNull();
  });

  it("accepts a timed event that ends when it starts, not an all-day one (RFC 5545 §3.6.1)", () => {
    const draft = draftFromOccurrence({ occurrence: timed, fallbackTimeZone: "UTC" });
    expect(validateDraft({ ...draft, end: draft.start })).toBeNull();
    expect(validateDraft({ ...draft, allDay: true, start: "2027-03-10", end: "2027-03-09" })).toMatch(
      /after the start/,
    );
  });
});

describe("floating times (RFC 5545 form #1: the same clock time in every zone)", () => {
  const floating: Occurrence = { ...timed, timeZone: "floating" };

  it("edits the wall time as written and gives it back written as if UTC, with the zone kept", () => {
    const draft = draftFromOccurrence({ occurrence: floating, fallbackTimeZone: "America/New_York" });
    expect(draft).toMatchObject({ start: "2027-03-10T09:00", end: "2027-03-10T10:00", timeZone: "floating" });
    const fields = fieldsFromDraft({ ...draft, start: "2027-03-10T11:30", end: "2027-03-10T12:30" });
    expect(fields).toMatchObject({ start: "2027-03-10T11:30:00Z", end: "2027-03-10T12:30:00Z", timeZone: "floating" });
    expect(validateDraft(draft)).toBeNull();
  });

  it("is given to the grid as bare wall time, and a drag comes back as floating wall time", () => {
    expect(gridTime({ value: floating.start, timeZone: "floating", allDay: false })).toBe("2027-03-10T09:00:00");
    expect(gridTime({ value: timed.start, timeZone: timed.timeZone, allDay: false })).toBe(timed.start);
    expect(calendarStringToInstant({ value: "2027-03-11T09:00:00", timeZone: FLOATING })).toBe("2027-03-11T09:00:00Z");
    expect(calendarStringToInstant({ value: "2027-03-11T09:00:00+01:00", timeZone: FLOATING })).toBe(
      "2027-03-11T09:00:00Z",
    );
  });
});
