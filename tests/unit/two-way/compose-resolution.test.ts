import { describe, expect, it } from "vitest";
import { composeResolution } from "../../../lib/conflicts/compose-resolution.ts";
import { buildEventResource } from "../../../lib/ical/build-event-resource.ts";
import { extractEventFields } from "../../../lib/ical/extract-event-fields.ts";
import { patchEventResource } from "../../../lib/ical/patch-event-resource.ts";
import type { EventFields } from "../../../lib/ical/types.ts";

const base = buildEventResource({
  uid: "resolve@test",
  fields: {
    title: "Base",
    start: "2026-03-02T09:00:00Z",
    end: "2026-03-02T10:00:00Z",
    allDay: false,
    timeZone: null,
    location: "Room 1",
    description: "Notes",
    recurrence: [],
    status: "confirmed",
  },
});
const edit = (changes: Partial<EventFields>) => patchEventResource({ ical: base, changes });

describe("composeResolution", () => {
  const local = edit({ title: "Mine", location: "Room 2" });
  const remote = edit({ title: "Theirs", description: "Remote notes" });

  it.each([
    ["local", "Mine"],
    ["remote", "Theirs"],
  ] as const)("choosing %s for the conflicting title keeps both sides' disjoint edits", (side, title) => {
    const result = extractEventFields(composeResolution({ base, local, remote, choose: () => side }));
    expect(result).toMatchObject({ title, location: "Room 2", description: "Remote notes" });
  });

  it("chooses the time fields as one group", () => {
    const movedLocal = edit({ start: "2026-03-02T11:00:00Z", end: "2026-03-02T12:00:00Z" });
    const movedRemote = edit({ start: "2026-03-02T13:00:00Z", end: "2026-03-02T15:00:00Z" });
    const choose = (field: string) => (field === "start" ? "local" : "remote");
    const result = extractEventFields(composeResolution({ base, local: movedLocal, remote: movedRemote, choose }));
    expect(result).toMatchObject({ start: "2026-03-02T11:00:00Z", end: "2026-03-02T12:00:00Z" });
  });

  it("writes a SEQUENCE above both sides (RFC 5545 §3.8.7.4)", () => {
    const text = composeResolution({ base, local, remote, choose: () => "local" });
    const sequence = (ical: string) => Number(/^SEQUENCE:(\d+)/m.exec(ical)?.[1] ?? 0);
    expect(sequence(text)).toBeGreaterThan(Math.max(sequence(local), sequence(remote)));
  });
});
