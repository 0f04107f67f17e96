import { describe, expect, it } from "vitest";
import { CALENDAR, timed, setupGoogleFake } from "./fake-fixture.ts";

const g = setupGoogleFake();
const EVENTS = `/calendar/v3/calendars/${encodeURIComponent(CALENDAR)}/events`;

interface EventBody {
  id: string;
  etag: string;
  updated: string;
  sequence: number;
  error: { message: string; errors: Array<{ reason: string }> };
  [field: string]: unknown;
}

async function json(response: Response): Promise<EventBody> {
  return (await response.json()) as EventBody;
}

describe("Google fake event writes", () => {
  it("inserts with a client-supplied id once (409 duplicate) and rejects non-base32hex ids", async () => {
    const created = await g.api(EVENTS, { method: "POST", json: timed(1, { id: "concord0001" }) });
    expect(created.status).toBe(200);
    expect(await json(created)).toMatchObject({
      id: "concord0001",
      iCalUID: "concord0001@google.com",
      sequence: 0,
      status: "confirmed",
    });
    const duplicate = await g.api(EVENTS, { method: "POST", json: timed(1, { id: "concord0001" }) });
    expect(duplicate.status).toBe(409);
    expect((await json(duplicate)).error.errors[0]?.reason).toBe("duplicate");
    expect((await g.api(EVENTS, { method: "POST", json: timed(1, { id: "Bad_Id!" }) })).status).toBe(400);
  });

  it("changes the etag on every write and honours If-Match / If-None-Match", async () => {
    const created = await json(await g.api(EVENTS, { method: "POST", json: timed(1) }));
    const url = `${EVENTS}/${created.id}`;
    expect((await g.api(url, { headers: { "if-none-match": created.etag } })).status).toBe(304);
    const patched = await json(
      await g.api(url, { method: "PATCH", json: { summary: "v2" }, headers: { "if-match": created.etag } }),
    );
    expect(patched.etag).not.toBe(created.etag);
    expect(Date.parse(patched.updated)).toBeGreaterThanOrEqual(Date.parse(created.updated));
    const stale = await g.api(url, { method: "PATCH", json: { summary: "v3" }, headers: { "if-match": created.etag } });
    expect(stale.status).toBe(412);
    expect((await json(stale)).error.errors[0]?.reason).toBe("conditionNotMet");
    expect((await g.api(url, { method: "DELETE", headers: { "if-match": created.etag } })).status).toBe(412);
    expect((await g.api(url)).status).toBe(200);
  });

  it("patch keeps unsent fields, merges extendedProperties and round-trips unknown fields; update replaces", async () => {
    const created = await json(
      await g.api(EVENTS, {
        method: "POST",
        json: timed(1, {
          description: "keep me",
          colorId: "5",
          reminders: { useDefault: false, overrides: [{ method: "popup", minutes: 10 }] },
          extendedProperties: { private: { a: "1" } },
          someFutureField: { nested: true },
        }),
      }),
    );
    const url = `${EVENTS}/${created.id}`;
    const patched = await json(
      await g.api(url, { method: "PATCH", json: { summary: "renamed", extendedProperties: { private: { b: "2" } } } }),
    );
    expect(patched).toMatchObject({
      summary: "renamed",
      description: "keep me",
      colorId: "5",
      someFutureField: { nested: true },
      extendedProperties: { private: { a: "1", b: "2" } },
      sequence: 0,
    });
    const moved = await json(
      await g.api(url, {
        method: "PATCH",
        json: { start: { dateTime: "2026-03-05T09:00:00Z" }, end: { dateTime: "2026-03-05T10:00:00Z" } },
      }),
    );
    expect(moved.sequence).toBe(1);
    const lower = await g.api(url, { method: "PATCH", json: { sequence: 0 } });
    expect((await json(lower)).error.message).toBe("Invalid sequence value.");
    const replaced = await json(await g.api(url, { method: "PUT", json: timed(2, { summary: "only this" }) }));
    expect(replaced.description).toBeUndefined();
    expect(replaced.colorId).toBeUndefined();
    expect(replaced.id).toBe(created.id);
  });

  it("deletes: 204, then 410 deleted; unknown ids 404", async () => {
    const created = await json(await g.api(EVENTS, { method: "POST", json: timed(1) }));
    const url = `${EVENTS}/${created.id}`;
    expect((await g.api(url, { method: "DELETE", headers: { "if-match": created.etag } })).status).toBe(204);
    const again = await g.api(url, { method: "DELETE" });
    expect(again.status).toBe(410);
    expect((await json(again)).error.errors[0]?.reason).toBe("deleted");
    expect((await g.api(`${EVENTS}/unknown00000`, { method: "DELETE" })).status).toBe(404);
    expect((await g.api(`${EVENTS}/unknown00000`)).status).toBe(404);
    expect((await g.api(`${EVENTS}/unknown00000`, { method: "PATCH", json: { summary: "x" } })).status).toBe(404);
  });

  it("lists calendars with accessRole and refuses writes on a reader calendar with 403", async () => {
    await g.fake.control.addCalendar({
      id: "shared@example.com",
      summary: "Shared",
      access: { "user@example.com": "reader" },
    });
    const list = await json(await g.api("/calendar/v3/users/me/calendarList"));
    expect((list.items as Array<{ id: string; accessRole: string }>).map((c) => [c.id, c.accessRole])).toEqual([
      ["user@example.com", "owner"],
      ["shared@example.com", "reader"],
    ]);
    const write = await g.api("/calendar/v3/calendars/shared%40example.com/events", { method: "POST", json: timed(1) });
    expect(write.status).toBe(403);
    expect((await g.api("/calendar/v3/calendars/shared%40example.com/events")).status).toBe(200);
    expect((await g.api("/calendar/v3/calendars/nobody%40example.com/events")).status).toBe(404);
  });
});
