import { describe, expect, it } from "vitest";
import { evaluateKey } from "../../../lib/jobs/embedded/evaluate-key.ts";
import { nextCronTime } from "../../../lib/jobs/embedded/next-cron-time.ts";
import { readFunctionDefinition } from "../../../lib/jobs/embedded/read-function-definition.ts";
import { functions } from "../../../lib/jobs/functions/index.ts";
import { planPacedRounds } from "../../../lib/jobs/plan-paced-rounds.ts";

describe("nextCronTime", () => {
  const at = (h: number, m: number, day = 5) => new Date(2026, 0, day, h, m, 30);
  it.each([
    ["*/2 * * * *", at(10, 1), at(10, 2)],
    ["*/2 * * * *", at(10, 2), at(10, 4)],
    ["* * * * *", at(10, 59), at(11, 0)],
    ["17 * * * *", at(10, 20), at(11, 17)],
    ["*/30 * * * *", at(23, 45), at(0, 0, 6)],
    ["TZ=Europe/Paris 0 9 * * *", at(10, 0), at(9, 0, 6)],
    ["0 9 * * 1-5", new Date(2026, 0, 9, 10, 0), new Date(2026, 0, 12, 9, 0)],
  ])("%s after %s", (expression, after, expected) => {
    expect(nextCronTime({ expression, after }).getTime()).toBe(new Date(expected.setSeconds(0, 0)).getTime());
  });

  it("refuses what it does not understand", () => {
    expect(() => nextCronTime({ expression: "@hourly", after: new Date() })).toThrow();
    expect(() => nextCronTime({ expression: "61 * * * *", after: new Date() })).toThrow();
  });
});

describe("planPacedRounds", () => {
  it("puts at most one calendar per connection in a round", () => {
    const rounds = planPacedRounds({
      calendars: [
        { calendarId: "a1", connectionId: "A" },
        { calendarId: "a2", connectionId: "A" },
        { calendarId: "a3", connectionId: "A" },
        { calendarId: "b1", connectionId: "B" },
        { calendarId: "c1", connectionId: "C" },
        { calendarId: "c2", connectionId: "C" },
      ],
    });
    expect(rounds).toEqual([["a1", "b1", "c1"], ["a2", "c2"], ["a3"]]);
    expect(planPacedRounds({ calendars: [] })).toEqual([]);
  });
});

describe("evaluateKey", () => {
  it("reads a path of the event and refuses anything else", () => {
    const event = { data: { calendarId: "cal_1", nested: { n: 3 } } };
    expect(evaluateKey({ expression: "event.data.calendarId", event })).toBe("cal_1");
    expect(evaluateKey({ expression: "event.data.nested.n", event })).toBe("3");
    expect(evaluateKey({ expression: "event.data.missing", event })).toBe("");
    expect(evaluateKey({ expression: undefined, event })).toBe("");
    expect(() => evaluateKey({ expression: "event.data.a + 'x'", event })).toThrow();
  });
});

describe("the function list", () => {
  const definitions = functions.map(readFunctionDefinition);

  it("exposes a handler for every function, with unique ids", () => {
    for (const definition of definitions) expect(typeof definition.handler).toBe("function");
    expect(new Set(definitions.map((d) => d.id)).size).toBe(definitions.length);
  });

  it("serialises pulls and pushes per calendar and debounces pulls", () => {
    const byId = new Map(definitions.map((d) => [d.id, d]));
    expect(byId.get("pull-calendar")).toMatchObject({
      eventNames: ["concord/calendar.pull"],
      concurrency: { key: "event.data.calendarId", limit: 1 },
      debounce: { key: "event.data.calendarId", periodMs: 5000 },
    });
    expect(byId.get("push-outbox")).toMatchObject({
      eventNames: ["concord/outbox.push"],
      concurrency: { key: "event.data.calendarId", limit: 1 },
    });
    expect(byId.get("poll-caldav")?.crons).toEqual(["*/2 * * * *"]);
    for (const definition of definitions) {
      for (const cron of definition.crons)
        expect(() => nextCronTime({ expression: cron, after: new Date() })).not.toThrow();
    }
  });
});
