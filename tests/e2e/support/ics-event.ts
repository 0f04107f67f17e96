/** A minimal iCalendar object as another client would PUT it (RFC 5545, UTC times). */
export function icsEvent(params: {
  uid: string;
  title: string;
  start: string;
  end: string;
  rrule?: string;
  sequence?: number;
}): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d+/, "");
  // TEXT values escape backslash, semicolon and comma (RFC 5545 §3.3.11).
  const text = params.title.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Concord//e2e other client//EN",
    "BEGIN:VEVENT",
    `UID:${params.uid}`,
    "DTSTAMP:20270101T000000Z",
    `SEQUENCE:${params.sequence ?? 0}`,
    `DTSTART:${stamp(params.start)}`,
    `DTEND:${stamp(params.end)}`,
    `SUMMARY:${text}`,
    ...(params.rrule ? [`RRULE:${params.rrule}`] : []),
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ];
  return lines.join("\r\n");
}
