import type { GetStepTools } from "inngest";
import type { inngest } from "../queue/client.ts";
import type { CalendarToPoll } from "./list-calendars-to-poll.ts";
import { planPacedRounds } from "./plan-paced-rounds.ts";

// Inngest caps a run at 1,000 steps; two steps per round leaves ample room.
const maxRounds = 200;

/**
 * Sends one `concord/calendar.pull` per calendar, a round at a time (see `planPacedRounds`),
 * sleeping `spacingMs` between rounds. Step ids carry the round number so a replay after a
 * crash resends nothing that was sent.
 */
export async function fanOutPulls(params: {
  step: GetStepTools<typeof inngest>;
  calendars: CalendarToPoll[];
  spacingMs: number;
  reason: string;
}): Promise<{ queued: number; rounds: number }> {
  const rounds = planPacedRounds({ calendars: params.calendars }).slice(0, maxRounds);
  let queued = 0;
  for (const [index, calendarIds] of rounds.entries()) {
    if (index > 0) await params.step.sleep(`pace-${index}`, params.spacingMs);
    await params.step.sendEvent(
      `queue-pulls-${index}`,
      calendarIds.map((calendarId) => ({
        name: "concord/calendar.pull" as const,
        data: { calendarId, reason: params.reason },
      })),
    );
    queued += calendarIds.length;
  }
  return { queued, rounds: rounds.length };
}
