/**
 * Two pulls of one calendar overlap (a webhook- or poll-triggered pull and a person's "Sync
 * now" run outside each other's queue). The failing sequence: pull A reads the remote's
 * changes (the other client's edit "second") and its new cursor; before A writes them, the
 * other client edits again ("third") and pull B reads and stores that with a newer cursor;
 * then A stored its older answer over B's: the event went back to "second" under A's older
 * cursor (and on PostgreSQL, where the two transactions can overlap, a conditional row update
 * could be dropped while the cursor moved on). A must notice the stored cursor moved and read
 * again from it.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../../lib/db/client.ts";
import type { CalendarProvider } from "../../../lib/providers/types.ts";
import { pullCalendar } from "../../../lib/sync/pull-calendar.ts";
import { simpleEvent } from "../../helpers/caldav-servers.ts";
import { createScenario, remoteKinds, useTwoWayServers } from "../two-way/two-way-harness.ts";

const servers = useTwoWayServers();

describe.each(remoteKinds)("overlapping pulls on %s", (kind) => {
  it("an older answer never lands over a newer cursor", async () => {
    const scenario = await createScenario({ server: servers[kind]! });
    const ref = await scenario.seedRemote(simpleEvent({ uid: `overlap-${kind}`, summary: "first" }), `overlap-${kind}`);
    await scenario.pull();
    await scenario.remoteEdit(ref, { title: "second" });

    let newerCursor: string | null = null;
    const slow: CalendarProvider = {
      ...scenario.provider,
      pull: async (params) => {
        const answer = await scenario.provider.pull(params);
        if (newerCursor === null) {
          // Pull B runs to the end while A's answer is still on its way to the database.
          await scenario.remoteEdit(ref, { title: "third" });
          await scenario.pull();
          newerCursor = (await db().calendar.findUniqueOrThrow({ where: { id: scenario.calendarId } })).syncToken;
        }
        return answer;
      },
    };

    await pullCalendar({ calendarId: scenario.calendarId, provider: slow });

    const row = await db().event.findFirstOrThrow({ where: { calendarId: scenario.calendarId, remoteRef: ref } });
    expect(row.title).toBe("third");
    const calendar = await db().calendar.findUniqueOrThrow({ where: { id: scenario.calendarId } });
    expect(calendar.syncToken).toBe(newerCursor);
  });
});
