/**
 * The browser's undo requests (components/calendar/undo-actions.ts) against a recorded fetch:
 * the previous values go out with the etag the change answered with; after a 412 the event is
 * read again and the undo is retried only if the fields it puts back still hold the changed
 * values (a Google rewrite), never over someone else's edit.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Occurrence } from "../../../components/api/api-types.ts";
import { canUndoEdit, undoDelete, undoFieldChange } from "../../../components/calendar/undo-actions.ts";

const occurrence: Occurrence = {
  id: "e1",
  eventId: "e1",
  calendarId: "c1",
  title: "Call",
  start: "2027-03-12T09:00:00Z",
  end: "2027-03-12T10:00:00Z",
  allDay: false,
  timeZone: "Europe/Berlin",
  location: null,
  description: null,
  status: "confirmed",
  syncState: "synced",
  readOnly: false,
  etag: '"v2"',
};

interface Sent {
  method: string;
  url: string;
  ifMatch: string | null;
  body: unknown;
}

/** A fetch answering from `answers` in order, recording every request. */
function recordFetch(answers: { status: number; body?: unknown }[]): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    sent.push({
      method: init.method ?? "GET",
      url,
      ifMatch: headers.get("if-match"),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
  });
  return sent;
}

const undoMove = () =>
  undoFieldChange({
    text: "Moved “Call”.",
    occurrence,
    scopeSuffix: "",
    previous: { start: "2027-03-11T09:00:00Z", end: "2027-03-11T10:00:00Z" },
    applied: { start: "2027-03-12T09:00:00.000Z", end: "2027-03-12T10:00:00.000Z" },
    etag: '"v2"',
    isRecurring: false,
  });

const preconditionFailed = { status: 412, body: { error: { code: "precondition_failed", message: "changed" } } };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("undo requests", () => {
  it("sends the previous values with the etag of the change", async () => {
    const sent = recordFetch([{ status: 200, body: { id: "e1", calendarId: "c1", etag: '"v3"' } }]);
    await undoMove().undo();
    expect(sent).toEqual([
      {
        method: "PATCH",
        url: "/api/v1/events/e1",
        ifMatch: '"v2"',
        body: { start: "2027-03-11T09:00:00Z", end: "2027-03-11T10:00:00Z" },
      },
    ]);
  });

  it("retries with the current etag when the moved times still hold", async () => {
    const sent = recordFetch([
      preconditionFailed,
      { status: 200, body: { ...occurrence, etag: '"v3"' } },
      { status: 200, body: {} },
    ]);
    await undoMove().undo();
    expect(sent.map((request) => [request.method, request.ifMatch])).toEqual([
      ["PATCH", '"v2"'],
      ["GET", null],
      ["PATCH", '"v3"'],
    ]);
  });

  it("refuses when someone else moved the event meanwhile", async () => {
    const sent = recordFetch([
      preconditionFailed,
      { status: 200, body: { ...occurrence, start: "2027-03-12T15:00:00Z", etag: '"v3"' } },
    ]);
    await expect(undoMove().undo()).rejects.toMatchObject({ status: 412 });
    expect(sent.filter((request) => request.method === "PATCH")).toHaveLength(1);
  });

  it("restores a delete from the Trash by the event's id, as JSON", async () => {
    const sent = recordFetch([{ status: 200, body: { id: "e1" } }]);
    await undoDelete({ text: "Deleted “Call”.", eventId: "e1" }).undo();
    expect(sent).toEqual([{ method: "POST", url: "/api/v1/trash/e1/restore", ifMatch: null, body: {} }]);
  });

  it("offers undo for plain events and single occurrences, not for split or shifted series", () => {
    expect(canUndoEdit({ scope: "all", changes: { start: "x" }, isRecurring: false })).toBe(true);
    expect(canUndoEdit({ scope: "this", changes: { start: "x" }, isRecurring: true })).toBe(true);
    expect(canUndoEdit({ scope: "all", changes: { title: "x" }, isRecurring: true })).toBe(true);
    expect(canUndoEdit({ scope: "all", changes: { start: "x" }, isRecurring: true })).toBe(false);
    expect(canUndoEdit({ scope: "following", changes: { title: "x" }, isRecurring: true })).toBe(false);
  });
});
