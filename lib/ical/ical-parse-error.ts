/** Thrown when a payload is not an iCalendar event Concord can read; the message is short and safe to log. */
export class IcalParseError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "IcalParseError";
  }
}
