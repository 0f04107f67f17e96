import { readFileSync } from "node:fs";
import { parseEventResource } from "./parse-event-resource.ts";
import { expandOccurrences } from "./expand-occurrences.ts";
import { contentHash } from "./content-hash.ts";
import { buildEventResource } from "./build-event-resource.ts";
import { patchEventResource } from "./patch-event-resource.ts";
const d = (i: number) => `2026${String(1 + (i % 12)).padStart(2, "0")}${String(1 + (i % 28)).padStart(2, "0")}`;
const simple = (i: number) =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Radicale//x//EN\r\nBEGIN:VEVENT\r\nUID:ev-${i}@bench\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:${d(i)}T${String(i % 24).padStart(2, "0")}0000\r\nDTEND;TZID=Europe/Berlin:${d(i)}T${String(i % 24).padStart(2, "0")}3000\r\nSUMMARY:Event ${i}\r\nLOCATION:Room ${i % 10}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
const texts = Array.from({ length: 10000 }, (_, i) => simple(i));
const icloud = readFileSync("/work/main/tests/fixtures/ical/icloud-weekly-berlin.ics", "utf8");
function time(label: string, n: number, fn: (i: number) => unknown) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  console.log(`${label}: ${n} in ${ms.toFixed(0)} ms = ${((ms / n) * 1000).toFixed(1)} µs each`);
}
time("parse 10k simple zoned (cold)", 10000, (i) => parseEventResource(texts[i]!));
time("parse 10k simple zoned (warm)", 10000, (i) => parseEventResource(texts[i]!));
time("contentHash simple", 10000, (i) => contentHash(texts[i]!));
time("parse iCloud weekly COUNT + 2 overrides", 10000, () => parseEventResource(icloud));
const open = icloud
  .replace("RRULE:FREQ=WEEKLY;COUNT=6", "RRULE:FREQ=WEEKLY")
  .replace(/20260316T(09|10)0000/g, "20150105T$10000");
const p = parseEventResource(open);
time("expand open weekly (since 2015) over one month", 2000, () =>
  expandOccurrences({
    parsed: p,
    rangeStart: new Date("2026-06-01T00:00:00Z"),
    rangeEnd: new Date("2026-07-01T00:00:00Z"),
  }),
);
const daily = open.replace("RRULE:FREQ=WEEKLY", "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR");
const pd = parseEventResource(daily);
time("expand open weekday-daily (since 2015, no fast-forward) over one month", 200, () =>
  expandOccurrences({
    parsed: pd,
    rangeStart: new Date("2026-06-01T00:00:00Z"),
    rangeEnd: new Date("2026-07-01T00:00:00Z"),
  }),
);
const fields = parseEventResource(texts[0]!).fields;
time("build", 5000, (i) => buildEventResource({ uid: `b${i}`, fields }));
time("patch title", 5000, () => patchEventResource({ ical: icloud, changes: { title: "x" } }));
