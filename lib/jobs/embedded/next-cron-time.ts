// Five-field cron (minute hour day-of-month month day-of-week), the subset Inngest's
// schedules use: `*`, numbers, ranges `a-b`, lists `a,b` and steps `*/n`, `a-b/n`.
// An optional `TZ=Zone ` prefix is accepted and ignored: times are the process's local time.

const fieldRanges: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function parseField(field: string, [min, max]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [rangeText = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = min;
    let to = max;
    if (rangeText !== "*") {
      const [a, b] = rangeText.split("-");
      from = Number(a);
      to = b === undefined ? (stepText === undefined ? from : max) : Number(b);
    }
    if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max || from > to) {
      throw new Error(`Unsupported cron field "${field}"`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/** The first minute strictly after `after` that matches the cron `expression`. */
export function nextCronTime(params: { expression: string; after: Date }): Date {
  const fields = params.expression
    .replace(/^TZ=\S+\s+/, "")
    .trim()
    .split(/\s+/);
  if (fields.length !== 5) throw new Error(`Unsupported cron expression "${params.expression}"`);
  const [minutes, hours, days, months, weekdays] = fieldRanges.map((range, index) =>
    parseField(fields[index] ?? "", range),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  // Day-of-month and day-of-week: when both are restricted, either may match (cron(8)).
  const isDayRestricted = fields[2] !== "*";
  const isWeekdayRestricted = fields[4] !== "*";
  const candidate = new Date(params.after.getTime());
  candidate.setSeconds(0, 0);
  candidate.setMinutes(candidate.getMinutes() + 1);
  // A year of minutes bounds the search; every supported expression matches within it.
  for (let i = 0; i < 366 * 24 * 60; i += 1) {
    const dayMatches = days.has(candidate.getDate());
    const weekdayMatches = weekdays.has(candidate.getDay());
    const dateMatches =
      isDayRestricted && isWeekdayRestricted ? dayMatches || weekdayMatches : dayMatches && weekdayMatches;
    if (
      minutes.has(candidate.getMinutes()) &&
      hours.has(candidate.getHours()) &&
      months.has(candidate.getMonth() + 1) &&
      dateMatches
    ) {
      return candidate;
    }
    candidate.setMinutes(candidate.getMinutes() + 1);
  }
  throw new Error(`Cron expression "${params.expression}" never matches`);
}
