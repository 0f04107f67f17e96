import type { CalendarToPoll } from "./list-calendars-to-poll.ts";

/**
 * Splits calendars into rounds holding at most one calendar per connection: round i holds
 * the i-th calendar of every account. Sending one round per pacing interval gives each
 * account a request budget of one pull at a time however many calendars it has — iCloud
 * answers bursts with 503 throttling (docs/design.md "iCloud").
 */
export function planPacedRounds(params: { calendars: CalendarToPoll[] }): string[][] {
  const byConnection = new Map<string, string[]>();
  for (const calendar of params.calendars) {
    const list = byConnection.get(calendar.connectionId) ?? [];
    list.push(calendar.calendarId);
    byConnection.set(calendar.connectionId, list);
  }
  const rounds: string[][] = [];
  for (const calendarIds of byConnection.values()) {
    calendarIds.forEach((calendarId, index) => {
      (rounds[index] ??= []).push(calendarId);
    });
  }
  return rounds;
}
