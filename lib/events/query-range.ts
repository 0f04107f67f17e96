import { AppError } from "../errors/app-error.ts";

/** docs/api.md: "Range longer than 400 days: 422". Bounds the work one range query can cause. */
export const MAX_RANGE_DAYS = 400;

export interface RangeQuery {
  start: Date;
  end: Date;
  /** Explicit calendar ids (`calendarIds=a,b`); undefined = every enabled calendar. */
  calendarIds?: string[];
}

function readTime(value: string | null, name: string): Date {
  if (!value)
    throw new AppError("validation_failed", `The ${name} parameter is required.`, { details: { param: name } });
  // RFC 3339 with an offset (docs/api.md conventions), or a plain date read as midnight UTC.
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const isInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value);
  const ms = isDate ? Date.parse(`${value}T00:00:00Z`) : isInstant ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new AppError("validation_failed", `The ${name} parameter must be an RFC 3339 time with offset or a date.`, {
      details: { param: name },
    });
  }
  return new Date(ms);
}

/** Throws 422 unless start < end and the range spans at most {@link MAX_RANGE_DAYS} days. */
export function checkRange(params: { start: Date; end: Date }): void {
  const { start, end } = params;
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new AppError("validation_failed", "The range needs a valid start and end.");
  }
  if (end.getTime() <= start.getTime()) {
    throw new AppError("validation_failed", "The end of the range must be after its start.");
  }
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new AppError("range_too_long", `A range may span at most ${MAX_RANGE_DAYS} days.`, {
      details: { maxDays: MAX_RANGE_DAYS },
    });
  }
}

/** Reads and checks `start`, `end` and `calendarIds` of GET /api/v1/events. */
export function parseRangeQuery(search: URLSearchParams): RangeQuery {
  const start = readTime(search.get("start"), "start");
  const end = readTime(search.get("end"), "end");
  checkRange({ start, end });
  const raw = search.get("calendarIds");
  const calendarIds = raw
    ?.split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  return calendarIds && calendarIds.length > 0 ? { start, end, calendarIds } : { start, end };
}
