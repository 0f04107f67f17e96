/** "just now", "5 min ago", "3 h ago", or a date — for last-sync times in the sidebar. */
export function formatRelative(params: { iso: string; now?: number }): string {
  const then = Date.parse(params.iso);
  if (Number.isNaN(then)) return "";
  const seconds = Math.round(((params.now ?? Date.now()) - then) / 1000);
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(then).toLocaleDateString();
}
