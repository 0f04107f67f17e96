/** Adds a VTIMEZONE for every TZID an edit introduced (RFC 5545 §3.2.19: each TZID needs one). */
import { componentsOf, firstProperty, parsePropertyLine, type ContentComponent } from "./content-lines.ts";
import { buildVtimezone } from "./build-vtimezone.ts";

export function ensureVtimezones(calendar: ContentComponent, tzids: Iterable<string>, aroundMs: number): void {
  const present = new Set(
    componentsOf(calendar, "VTIMEZONE").map((c) => {
      const tzid = firstProperty(c, "TZID");
      return tzid ? parsePropertyLine(tzid.text).value.trim() : "";
    }),
  );
  for (const tzid of tzids) {
    if (present.has(tzid)) continue;
    const vtimezone = buildVtimezone(tzid, aroundMs);
    if (!vtimezone) continue;
    const at = calendar.children.findIndex((c) => c.kind === "component" && c.name === "VEVENT");
    calendar.children.splice(at < 0 ? calendar.children.length : at, 0, vtimezone);
    present.add(tzid);
  }
}
