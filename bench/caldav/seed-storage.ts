/**
 * Seeds benchmark calendars through each server's storage instead of by PUT: each PUT costs
 * time linear in the collection size on both servers (10k PUTs take 45-65 min here,
 * docs/design.md "Measured on Radicale 3.1 and Xandikos 0.2"). Radicale: `.ics` files plus `.Radicale.props` in the collection
 * folder. Xandikos: the files committed to the calendar's git repository in one commit.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { makeCalendar } from "../../tests/helpers/caldav-client.ts";
import { createRadicaleCollectionOnDisk, type RadicaleServer } from "../../tests/helpers/radicale.ts";
import { commitXandikosObjects, type XandikosServer } from "../../tests/helpers/xandikos.ts";
import type { GeneratedEvent } from "./generate-events.ts";

export async function seedRadicaleCalendar(params: {
  server: RadicaleServer;
  user: string;
  calendar: string;
  events: GeneratedEvent[];
}): Promise<string> {
  const dir = await createRadicaleCollectionOnDisk({
    server: params.server,
    user: params.user,
    calendar: params.calendar,
    displayName: params.calendar,
  });
  for (const event of params.events) await writeFile(path.join(dir, event.name), event.ical);
  return params.server.calendarUrl({ user: params.user, calendar: params.calendar });
}

export async function seedXandikosCalendar(params: {
  server: XandikosServer;
  calendar: string;
  events: GeneratedEvent[];
}): Promise<string> {
  const url = params.server.calendarUrl({ calendar: params.calendar });
  await makeCalendar({ url, displayName: params.calendar });
  await commitXandikosObjects({
    server: params.server,
    calendar: params.calendar,
    objects: params.events.map((e) => ({ name: e.name, ical: e.ical })),
    message: `seed ${params.events.length} events`,
  });
  return url;
}
