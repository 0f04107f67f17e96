/** Thrown when an edit cannot apply to the given iCalendar object (e.g. no such occurrence). */
export class IcalEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IcalEditError";
  }
}
