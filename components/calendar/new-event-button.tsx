"use client";

import Link from "next/link";
import type { CalendarItem } from "../api/api-types.ts";

/**
 * "New event", with the reason beside it when it cannot be used yet: a greyed-out button
 * alone does not say that an account (with a writable calendar) has to be connected first.
 */
export function NewEventButton(props: {
  loaded: boolean;
  hasConnections: boolean;
  calendars: CalendarItem[];
  onClick: () => void;
}) {
  const writable = props.calendars.some((c) => !c.readOnly);
  const reason = !props.loaded || writable ? null : props.hasConnections ? "read-only" : "no-account";
  return (
    <>
      <button
        type="button"
        className="button-primary"
        onClick={props.onClick}
        disabled={!writable}
        aria-describedby={reason ? "new-event-hint" : undefined}
        title={reason ? "Connect an account with a calendar you can write to first" : undefined}
      >
        New event
      </button>
      {reason && (
        <span id="new-event-hint" className="muted action-hint" data-testid="new-event-hint">
          {reason === "no-account" ? "To add events, first " : "Your calendars are all read-only. To add events, "}
          <Link href="/settings/accounts">connect an account</Link>
          {reason === "no-account" ? "." : " with a calendar you can write to."}
        </span>
      )}
    </>
  );
}
