import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../../lib/sync/push/backoff-delay.ts";
import { suggestedRefFor } from "../../../lib/sync/push/suggested-ref.ts";
import { providerTraits } from "../../../lib/providers/provider-traits.ts";

const withGuest = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//t//EN",
  "BEGIN:VEVENT",
  "UID:a@b",
  "DTSTAMP:20260101T000000Z",
  "DTSTART:20260101T090000Z",
  "DTEND:20260101T100000Z",
  "ORGANIZER:mailto:me@example.com",
  "ATTENDEE;CN=Guest:mailto:guest@example.com",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("backoffDelay", () => {
  it.each([
    [0, undefined, 2_000],
    [1, undefined, 4_000],
    [3, undefined, 16_000],
    [0, 30_000, 30_000],
    [4, 1_000, 32_000],
    [40, undefined, 3_600_000],
    // A Retry-After past the one-hour cap is still honoured, up to a day.
    [2, 7_200_000, 7_200_000],
    [0, 864_000_000, 86_400_000],
  ])("attempts %i, retry-after %s -> %i ms", (attempts, retryAfterMs, expected) => {
    expect(backoffDelay({ attempts, retryAfterMs })).toBe(expected);
  });
});

describe("suggestedRefFor", () => {
  it("is stable for one outbox entry and differs between entries", () => {
    expect(suggestedRefFor({ changeId: "c1" })).toBe(suggestedRefFor({ changeId: "c1" }));
    expect(suggestedRefFor({ changeId: "c1" })).not.toBe(suggestedRefFor({ changeId: "c2" }));
  });

  it("is a valid Google event id and a plain CalDAV resource name", () => {
    const ref = suggestedRefFor({ changeId: "cmabc123xyz" });
    expect(ref).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(encodeURIComponent(ref)).toBe(ref);
  });

  it("names the object fetchEvent finds after a lost create", () => {
    expect(providerTraits("google").refForSuggested("abc12")).toBe("abc12");
    expect(providerTraits("caldav").refForSuggested("abc12")).toBe("abc12.ics");
    expect(providerTraits("icloud").refForSuggested("abc12")).toBe("abc12.ics");
  });
});

describe("providerTraits(...).outgoingIcal", () => {
  it("sets SCHEDULE-AGENT=CLIENT on attendees for iCloud only", () => {
    const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");
    expect(unfold(providerTraits("icloud").outgoingIcal(withGuest))).toMatch(
      /^ATTENDEE;[^\r\n]*SCHEDULE-AGENT=CLIENT/m,
    );
    expect(providerTraits("caldav").outgoingIcal(withGuest)).toBe(withGuest);
    expect(providerTraits("google").outgoingIcal(withGuest)).toBe(withGuest);
  });

  it("leaves events without attendees untouched", () => {
    const solo = withGuest.replace(/ORGANIZER[^\r]*\r\nATTENDEE[^\r]*\r\n/, "");
    expect(providerTraits("icloud").outgoingIcal(solo)).toBe(solo);
  });
});
