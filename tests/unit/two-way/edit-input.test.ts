import { describe, expect, it } from "vitest";
import { applyPatchInput, shiftMasterTimes } from "../../../lib/events/edit-apply-input.ts";
import { checkIfMatch } from "../../../lib/events/edit-check-if-match.ts";
import { validateEventFields } from "../../../lib/events/edit-validate-fields.ts";
import { parseOccurrenceId } from "../../../lib/events/occurrence-id.ts";
import type { EventFields } from "../../../lib/ical/types.ts";

const fields: EventFields = {
  title: "Standup",
  start: "2026-03-02T09:00:00Z",
  end: "2026-03-02T09:15:00Z",
  allDay: false,
  timeZone: "Europe/Berlin",
  location: null,
  description: null,
  recurrence: [],
  status: "confirmed",
};

describe("parseOccurrenceId", () => {
  it.each([
    ["evt1", { eventId: "evt1", originalStart: null }],
    ["evt1:2026-03-02T09:00:00Z", { eventId: "evt1", originalStart: "2026-03-02T09:00:00Z" }],
    ["evt1:2026-03-02", { eventId: "evt1", originalStart: "2026-03-02" }],
  ])("%s", (id, expected) => {
    expect(parseOccurrenceId(id)).toEqual(expected);
  });
});

describe("checkIfMatch", () => {
  const event = { version: 7 };
  it.each(['"v7"', 'W/"v7"', "v7", '"v3", "v7"', "*", null, ""])("accepts %s", (ifMatch) => {
    expect(() => checkIfMatch({ event, ifMatch })).not.toThrow();
  });
  it.each(['"v6"', '"7"', "v8"])("refuses %s with 412", (ifMatch) => {
    expect(() => checkIfMatch({ event, ifMatch })).toThrow(
      expect.objectContaining({ status: 412, code: "precondition_failed" }),
    );
  });
});

describe("validateEventFields", () => {
  it("normalises offsets to UTC instants", () => {
    expect(
      validateEventFields({ ...fields, start: "2026-03-02T10:00:00+01:00", end: "2026-03-02T10:15:00+01:00" }),
    ).toMatchObject({
      start: "2026-03-02T09:00:00Z",
      end: "2026-03-02T09:15:00Z",
    });
  });
  it.each([
    ["end before start", { end: "2026-03-02T08:00:00Z" }],
    ["no offset", { start: "2026-03-02T09:00:00" }],
    ["unknown zone", { timeZone: "Mars/Olympus" }],
    ["all-day end not after start", { allDay: true, start: "2026-03-02", end: "2026-03-02" }],
    ["a non-recurrence line", { recurrence: ["SUMMARY:x"] }],
  ])("refuses %s with 422", (_name, change) => {
    expect(() => validateEventFields({ ...fields, ...change })).toThrow(expect.objectContaining({ status: 422 }));
  });
  it("accepts a timed event that ends when it starts (RFC 5545 §3.6.1)", () => {
    expect(validateEventFields({ ...fields, end: "2026-03-02T10:00:00+01:00" })).toMatchObject({
      start: "2026-03-02T09:00:00Z",
      end: "2026-03-02T09:00:00Z",
    });
  });
  it("keeps all-day dates and drops the zone", () => {
    expect(validateEventFields({ ...fields, allDay: true, start: "2026-03-02", end: "2026-03-03" })).toMatchObject({
      start: "2026-03-02",
      end: "2026-03-03",
      timeZone: null,
    });
  });
});

describe("applyPatchInput", () => {
  it("replaces only the named fields; null clears", () => {
    const next = applyPatchInput({
      current: { ...fields, location: "Room 1" },
      input: { title: "Daily", location: null },
    });
    expect(next).toEqual({ ...fields, title: "Daily", location: null });
  });
  it("switching to all-day keeps the day", () => {
    expect(applyPatchInput({ current: fields, input: { allDay: true } })).toMatchObject({
      allDay: true,
      start: "2026-03-02",
      end: "2026-03-03",
    });
  });
});

describe("shiftMasterTimes", () => {
  it("moves the master by what the occurrence moved", () => {
    const occurrence = { ...fields, start: "2026-03-09T09:00:00Z", end: "2026-03-09T09:15:00Z" };
    const moved = { ...occurrence, start: "2026-03-09T10:30:00Z", end: "2026-03-09T11:00:00Z" };
    expect(shiftMasterTimes({ master: fields, occurrence, next: moved })).toMatchObject({
      start: "2026-03-02T10:30:00Z",
      end: "2026-03-02T11:00:00Z",
    });
  });
});
