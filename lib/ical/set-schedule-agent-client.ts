/**
 * Sets SCHEDULE-AGENT=CLIENT (RFC 6638 §7.1) on the event's ATTENDEE and ORGANIZER lines so a
 * server with implicit scheduling (iCloud) does not e-mail every guest on each edit.
 */
import { parseCalendarTree, serializeContentTree, splitUnquoted, type ContentComponent } from "./content-lines.ts";
import { lineFromText } from "./format-property-line.ts";

function valueColon(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ":" && !quoted) return i;
  }
  return -1;
}

function withClientAgent(text: string): string {
  const colon = valueColon(text);
  if (colon < 0) return text;
  const parts = splitUnquoted(text.slice(0, colon), ";");
  const kept = parts.filter((p, i) => i === 0 || !/^SCHEDULE-AGENT=/i.test(p.trim()));
  return `${[...kept, "SCHEDULE-AGENT=CLIENT"].join(";")}${text.slice(colon)}`;
}

export function setScheduleAgentClient(ical: string): string {
  const calendar = parseCalendarTree(ical);
  for (const child of calendar.children) {
    if (child.kind !== "component" || child.name !== "VEVENT") continue;
    const vevent: ContentComponent = child;
    vevent.children = vevent.children.map((line) => {
      if (line.kind !== "line" || (line.name !== "ATTENDEE" && line.name !== "ORGANIZER")) return line;
      if (/;SCHEDULE-AGENT=CLIENT(?=[;:])/i.test(line.text.slice(0, valueColon(line.text) + 1))) return line;
      return lineFromText(withClientAgent(line.text), line.name);
    });
  }
  return serializeContentTree([calendar]);
}
