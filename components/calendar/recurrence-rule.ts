/**
 * The editor's simple recurrence <-> an RFC 5545 RRULE line (§3.3.10). Rules the editor cannot
 * express (BYSETPOS, several BYMONTHDAY, ...) are reported as `custom` and left untouched.
 */

export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";
export const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof weekdayCodes)[number];

export interface SimpleRecurrence {
  frequency: Frequency;
  interval: number;
  weekdays: WeekdayCode[];
  end: { kind: "never" } | { kind: "count"; count: number } | { kind: "until"; date: string };
}

export type ParsedRecurrence =
  | { kind: "none" }
  | { kind: "simple"; rule: SimpleRecurrence; otherLines: string[] }
  | { kind: "custom"; lines: string[] };

const supportedKeys = new Set(["FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"]);

/** Reads the recurrence lines of an event (RRULE plus EXDATE/RDATE, which are kept as they are). */
export function parseRecurrence(lines: string[] | null | undefined): ParsedRecurrence {
  if (!lines || lines.length === 0) return { kind: "none" };
  const rules = lines.filter((line) => /^RRULE:/i.test(line));
  const otherLines = lines.filter((line) => !/^RRULE:/i.test(line));
  if (rules.length !== 1) return rules.length === 0 ? { kind: "none" } : { kind: "custom", lines };
  const parts = new Map<string, string>();
  for (const part of (rules[0] as string).slice("RRULE:".length).split(";")) {
    const [key, value] = part.split("=");
    if (key && value !== undefined) parts.set(key.toUpperCase(), value);
  }
  const frequency = parts.get("FREQ") as Frequency | undefined;
  const unsupported = [...parts.keys()].some((key) => !supportedKeys.has(key));
  if (!frequency || !["DAILY", "WEEKLY", "MONTHLY", "YEARLY"].includes(frequency) || unsupported) {
    return { kind: "custom", lines };
  }
  const weekdays = (parts.get("BYDAY") ?? "")
    .split(",")
    .filter(Boolean)
    .map((day) => day.toUpperCase());
  if (weekdays.some((day) => !(weekdayCodes as readonly string[]).includes(day))) return { kind: "custom", lines };
  const count = parts.get("COUNT");
  const until = parts.get("UNTIL");
  const end: SimpleRecurrence["end"] = count
    ? { kind: "count", count: Number(count) }
    : until
      ? { kind: "until", date: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` }
      : { kind: "never" };
  return {
    kind: "simple",
    rule: {
      frequency,
      interval: Math.max(1, Number(parts.get("INTERVAL") ?? 1)),
      weekdays: weekdays as WeekdayCode[],
      end,
    },
    otherLines,
  };
}

/**
 * Writes the RRULE line. UNTIL is the end of the chosen day in UTC: RFC 5545 requires UTC form
 * when DTSTART has a time zone, and an inclusive last day is what a person means by "until".
 */
export function buildRecurrenceLine(rule: SimpleRecurrence): string {
  const parts = [`FREQ=${rule.frequency}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${Math.floor(rule.interval)}`);
  if (rule.frequency === "WEEKLY" && rule.weekdays.length > 0) {
    const ordered = weekdayCodes.filter((day) => rule.weekdays.includes(day));
    parts.push(`BYDAY=${ordered.join(",")}`);
  }
  if (rule.end.kind === "count") parts.push(`COUNT=${Math.max(1, Math.floor(rule.end.count))}`);
  if (rule.end.kind === "until") parts.push(`UNTIL=${rule.end.date.replaceAll("-", "")}T235959Z`);
  return `RRULE:${parts.join(";")}`;
}

/** A short sentence for the event's details ("Every 2 weeks on MO, WE, 10 times"). */
export function describeRecurrence(rule: SimpleRecurrence): string {
  const unit = { DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year" }[rule.frequency];
  let text = rule.interval > 1 ? `Every ${rule.interval} ${unit}s` : `Every ${unit}`;
  if (rule.frequency === "WEEKLY" && rule.weekdays.length) text += ` on ${rule.weekdays.join(", ")}`;
  if (rule.end.kind === "count") text += `, ${rule.end.count} times`;
  if (rule.end.kind === "until") text += `, until ${rule.end.date}`;
  return text;
}
