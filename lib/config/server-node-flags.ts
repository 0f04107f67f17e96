/**
 * V8 flags the Concord server process runs with (scripts/start.ts; benchmarks spawn their
 * pulls with the same flags so they measure what runs in production).
 *
 * `--optimize-for-size` makes V8 grow the heap less eagerly. A first pull of a 10k-event
 * calendar keeps every object it is writing alive for a while, and V8's defaults answer that
 * by growing the young generation to its maximum and letting old-space garbage pile up: the
 * process peaked at ~440 MiB. With this flag it peaks under 300 MiB in the same time; a
 * Google full pull next to a large in-process heap ran ~0.7 s slower (README "Benchmarks").
 * A first pull happens once per calendar; surviving its peak on a small machine matters more.
 * `CONCORD_NODE_FLAGS` replaces the list (empty = V8 defaults).
 */
export function serverNodeFlags(env: Record<string, string | undefined> = process.env): string[] {
  const configured = env.CONCORD_NODE_FLAGS;
  if (configured !== undefined) return configured.split(/\s+/).filter(Boolean);
  return ["--optimize-for-size"];
}
