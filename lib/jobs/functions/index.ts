import { compactClientSyncFunction } from "./compact-client-sync.ts";
import { handleGoogleNotificationFunction } from "./handle-google-notification.ts";
import { initialSyncFunction } from "./initial-sync.ts";
import { pollCaldavFunction } from "./poll-caldav.ts";
import { pullCalendarFunction } from "./pull-calendar.ts";
import { purgeTrashFunction } from "./purge-trash.ts";
import { pushOutboxFunction } from "./push-outbox.ts";
import { reconcileGoogleFunction } from "./reconcile-google.ts";
import { refreshCalendarListFunction } from "./refresh-calendar-list.ts";
import { refreshCalendarListsFunction } from "./refresh-calendar-lists.ts";
import { renewGoogleChannelsFunction } from "./renew-google-channels.ts";
import { retryStalledOutboxFunction } from "./retry-stalled-outbox.ts";

/** Every background function: served at /api/inngest and run by the embedded runner alike. */
export const functions = [
  initialSyncFunction,
  pullCalendarFunction,
  pushOutboxFunction,
  handleGoogleNotificationFunction,
  pollCaldavFunction,
  reconcileGoogleFunction,
  refreshCalendarListFunction,
  refreshCalendarListsFunction,
  renewGoogleChannelsFunction,
  retryStalledOutboxFunction,
  compactClientSyncFunction,
  purgeTrashFunction,
];
