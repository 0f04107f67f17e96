import { AppError } from "../errors/app-error.ts";
import { IcalEditError } from "../ical/ical-edit-error.ts";

/** Runs an iCalendar edit; an edit that cannot apply (lib/ical IcalEditError) is the request's fault: 422. */
export function applyIcalEdit<T>(edit: () => T): T {
  try {
    return edit();
  } catch (error) {
    if (error instanceof IcalEditError) {
      throw new AppError("validation_failed", "This change cannot be applied to the event.", { cause: error });
    }
    throw error;
  }
}
