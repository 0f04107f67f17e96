/**
 * Deterministic benchmark calendars shaped like docs/design.md "Measured on Radicale 3.1 and Xandikos 0.2"'s: ~870-byte events,
 * 10% recurring (daily/weekly/monthly/yearly; COUNT, UNTIL or open-ended; BYDAY; INTERVAL),
 * a third of those with EXDATEs and a fifth with a RECURRENCE-ID override in the same
 * resource; ~15% all-day; ~30% in Europe/Berlin with a VTIMEZONE; UTF-8 text in several
 * scripts; DESCRIPTION, ORGANIZER/ATTENDEE, VALARM, CATEGORIES; lines folded at 75 octets.
 */

export interface GeneratedEvent {
  /** Resource name, `<uid>.ics`. */
  name: string;
  uid: string;
  ical: string;
  recurring: boolean;
}

const BERLIN = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Berlin",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

const TITLES = [
  "Weekly planning",
  "Café mit Jürgen",
  "Réunion d'équipe",
  "会議: 四半期レビュー",
  "Встреча с клиентом",
  "Dentist",
  "Ταξίδι στην Αθήνα",
  "Yoga 🧘",
  "Design review",
  "مراجعة الميزانية",
];

/** Mulberry32: small, fast and deterministic. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RFC 5545 §3.1: fold at 75 octets without splitting a UTF-8 sequence. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
    limit = 74;
  }
  return parts.join("\r\n ");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function stamp(date: Date, utc: boolean): string {
  const s = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}00`;
  return utc ? `${s}Z` : s;
}

function day(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
}

export function generateEvent(params: { index: number; seed?: number; revision?: number }): GeneratedEvent {
  const random = createRandom((params.seed ?? 42) * 1_000_003 + params.index);
  const i = params.index;
  const uid = `bench-${pad(i, 6)}@concord.bench`;
  const recurring = i % 10 === 0;
  const allDay = !recurring && random() < 0.16;
  const zoned = !allDay && random() < 0.3;
  const start = new Date(Date.UTC(2026, 0, 1, 7 + Math.floor(random() * 11), random() < 0.5 ? 0 : 30));
  start.setUTCDate(start.getUTCDate() + Math.floor(random() * 540) - 180);
  const end = new Date(start.getTime() + (1 + Math.floor(random() * 4)) * 30 * 60_000);
  const title = `${TITLES[i % TITLES.length]} #${i}${params.revision ? ` (rev ${params.revision})` : ""}`;
  const tz = zoned ? ";TZID=Europe/Berlin" : "";
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Concord//bench//EN", ...(zoned ? BERLIN : [])];
  const master = [
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20260101T000000Z",
    `SEQUENCE:${params.revision ?? 0}`,
    allDay ? `DTSTART;VALUE=DATE:${day(start)}` : `DTSTART${tz}:${stamp(start, !zoned)}`,
    allDay ? `DTEND;VALUE=DATE:${day(new Date(start.getTime() + 86_400_000))}` : `DTEND${tz}:${stamp(end, !zoned)}`,
    `SUMMARY:${title}`,
    `DESCRIPTION:Agenda for ${title}: review the open items\\, agree on owners and dates\\, and write down decisions so nobody has to ask again next week.`,
    `LOCATION:Room ${1 + (i % 40)}\\, Building ${String.fromCharCode(65 + (i % 5))}`,
    `CATEGORIES:${["Work", "Family", "Health", "Travel"][i % 4]}`,
    "ORGANIZER;CN=Alice Example:mailto:alice@example.org",
    `ATTENDEE;CN=Bob Example;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:bob${i % 7}@example.org`,
  ];
  const overrides: string[][] = [];
  if (recurring) {
    const freq = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"][i % 4];
    const until = `UNTIL=${stamp(new Date(start.getTime() + 200 * 86_400_000), true)}`;
    const limit = [`COUNT=${5 + (i % 20)}`, until, ""][i % 3];
    const byday = freq === "WEEKLY" ? ";BYDAY=MO,WE" : "";
    const interval = i % 20 === 0 ? ";INTERVAL=2" : "";
    master.push(`RRULE:FREQ=${freq}${interval}${byday}${limit ? `;${limit}` : ""}`);
    const step = { DAILY: 1, WEEKLY: 7, MONTHLY: 30, YEARLY: 365 }[freq ?? "DAILY"] ?? 1;
    const second = new Date(start.getTime() + step * 86_400_000);
    if (i % 30 === 0) master.push(`EXDATE${tz}:${stamp(second, !zoned)}`);
    if (i % 50 === 0) {
      const third = new Date(start.getTime() + 2 * step * 86_400_000);
      overrides.push([
        "BEGIN:VEVENT",
        `UID:${uid}`,
        "DTSTAMP:20260101T000000Z",
        `RECURRENCE-ID${tz}:${stamp(third, !zoned)}`,
        `DTSTART${tz}:${stamp(new Date(third.getTime() + 3_600_000), !zoned)}`,
        `DTEND${tz}:${stamp(new Date(third.getTime() + 7_200_000), !zoned)}`,
        `SUMMARY:${title} (moved)`,
        "END:VEVENT",
      ]);
    }
  }
  master.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM", "END:VEVENT");
  lines.push(...master, ...overrides.flat(), "END:VCALENDAR");
  return { name: `bench-${pad(i, 6)}.ics`, uid, ical: `${lines.map(foldLine).join("\r\n")}\r\n`, recurring };
}

export function generateEvents(params: { count: number; seed?: number }): GeneratedEvent[] {
  return Array.from({ length: params.count }, (_, index) => generateEvent({ index, seed: params.seed }));
}
