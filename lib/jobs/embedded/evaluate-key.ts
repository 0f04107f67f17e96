/**
 * Evaluates a concurrency or debounce key. Inngest accepts CEL expressions; Concord's keys are
 * all plain paths into the event (`event.data.calendarId`), which is all this supports.
 */
export function evaluateKey(params: { expression: string | undefined; event: unknown }): string {
  if (params.expression === undefined) return "";
  const path = params.expression.trim().split(".");
  if (path[0] !== "event" || path.some((part) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(part))) {
    throw new Error(`Unsupported key expression "${params.expression}"`);
  }
  let value: unknown = params.event;
  for (const part of path.slice(1)) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value === undefined || value === null ? "" : String(value);
}
