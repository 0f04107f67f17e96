/**
 * A full listing (first pull, or after the remote refused the cursor) races a push. The
 * failing sequence: the pull reads the listing; the push then creates a local event on the
 * remote and stores its remote ref; the pull's transaction sweeps every row the listing did
 * not name — including the event just pushed, which the remote does hold. It was deleted
 * here as "deleted on the server" (counted by the mass-deletion guard) and came back as a new
 * row with a new id on the next pull. Both remotes: Radicale and the Google fake.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import { createEvent } from "../../../lib/events/create-event.ts";
import type { CalendarProvider } from "../../../lib/providers/types.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { pushCalendar } from "../../../lib/sync/push-calendar.ts";
import { simpleEvent } from "../../helpers/caldav-servers.ts";
import { createScenario, remoteKinds, useTwoWayServers } from "../two-way/two-way-harness.ts";

const servers = useTwoWayServers();

describe.each(remoteKinds)("a full listing racing a push on %s", (kind) => {
  it("does not sweep the event the push created after the listing was read", async () => {
    const scenario = await createScenario({ server: servers[kind]! });
    await scenario.seedRemote(simpleEvent({ uid: `seeded-${kind}`, summary: "Seeded" }), `seeded-${kind}`);
    await scenario.pull();
    const created = await createEvent({
      userId: scenario.userId,
      input: {
        calendarId: scenario.calendarId,
        title: "Pushed during the listing",
        start: "2026-08-03T09:00:00Z",
        end: "2026-08-03T10:00:00Z",
      },
    });
    // No cursor: the next pull lists the whole calendar, as after a refused cursor.
    await db().calendar.update({ where: { id: scenario.calendarId }, data: { syncToken: null, ctag: null } });
    const racing: CalendarProvider = {
      ...scenario.provider,
      pull: async (params) => {
        const listing = await scenario.provider.pull(params);
        expect(await pushCalendar({ calendarId: scenario.calendarId, provider: scenario.provider })).toMatchObject({
          pushed: 1,
        });
        return listing;
      },
    };

    const result = await pullCalendar({ calendarId: scenario.calendarId, provider: racing });

    expect(result).toMatchObject({ deleted: 0, held: 0, conflicts: 0 });
    const row = await db().event.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ syncState: "SYNCED", title: "Pushed during the listing" });
    expect(row.remoteRef).not.toBeNull();
    // The next pull starts from the listing's cursor and finds the same event: still one row.
    await scenario.pull();
    expect(await db().event.count({ where: { calendarId: scenario.calendarId, uid: created.uid } })).toBe(1);
  });
});
