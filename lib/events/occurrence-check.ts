/**
 * An occurrence id must name an occurrence the series really has (not one removed by EXDATE,
 * not a time the rule never produces), else an edit would invent an override for nothing.
 */
import { notFound } from "../errors/app-error.ts";
import { expandOccurrences } from "../ical/expand-occurrences.ts";
import { editBudget } from "../ical/expansion-budget.ts";

const DAY_MS = 86_400_000;

export function assertOccurrenceExists(params: { ical: string; originalStart: string }): void {
  const key = Date.parse(
    params.originalStart.length === 10 ? `${params.originalStart}T00:00:00Z` : params.originalStart,
  );
  if (Number.isNaN(key)) throw notFound("Occurrence");
  const occurrences = expandOccurrences({
    ical: params.ical,
    rangeStart: new Date(key - 2 * DAY_MS),
    rangeEnd: new Date(key + 2 * DAY_MS),
    budget: editBudget(),
  });
  const startOf = (value: string) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (!occurrences.some((occurrence) => startOf(occurrence.originalStart) === key)) throw notFound("Occurrence");
}
