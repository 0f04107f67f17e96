import { readEventColumns, type EventColumns } from "../pull/event-columns.ts";

/** Normalised columns of a payload Concord itself produced or merged (always parseable). */
export function columnsForIcal(ical: string): EventColumns & { parseError: null } {
  const parsed = readEventColumns({ ical, ref: "" });
  if (!parsed.columns) throw new Error(`merged iCalendar is unreadable: ${parsed.parseError}`);
  return { ...parsed.columns, parseError: null };
}
