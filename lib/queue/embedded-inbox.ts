import type { ConcordEvent } from "./events.ts";

/** What the embedded runner exposes to `sendEvent`: somewhere to put an event. */
export interface EmbeddedInbox {
  enqueue(event: ConcordEvent): void;
}

// Kept on globalThis: Next bundles instrumentation.ts and route handlers separately, and the
// process must have exactly one runner whichever bundle queues an event.
const holder = globalThis as typeof globalThis & {
  __concordEmbeddedInbox?: EmbeddedInbox;
  __concordEmbeddedForwarder?: (event: ConcordEvent) => Promise<void>;
  __concordEmbeddedBacklog?: ConcordEvent[];
};

// Events sent before the runner starts (or in a process that never starts one, such as a
// script) wait here. The bound only protects memory: pushes and pulls are rebuilt from the
// database when a runner starts, so a dropped event delays work, it never loses it.
const backlogLimit = 10_000;

/**
 * Hands an event to the running embedded runner; in a process that serves requests only (another
 * process runs the jobs), forwards it through the database; else keeps it until a runner starts.
 */
export async function enqueueEmbeddedEvent(event: ConcordEvent): Promise<void> {
  if (holder.__concordEmbeddedInbox) {
    holder.__concordEmbeddedInbox.enqueue(event);
    return;
  }
  if (holder.__concordEmbeddedForwarder) {
    await holder.__concordEmbeddedForwarder(event);
    return;
  }
  const backlog = (holder.__concordEmbeddedBacklog ??= []);
  if (backlog.length < backlogLimit) backlog.push(event);
}

/** Installs (or, with `undefined`, removes) the process's runner; returns the events that waited. */
export function setEmbeddedInbox(inbox: EmbeddedInbox | undefined): ConcordEvent[] {
  holder.__concordEmbeddedInbox = inbox;
  const waiting = holder.__concordEmbeddedBacklog ?? [];
  holder.__concordEmbeddedBacklog = [];
  return inbox ? waiting : [];
}

/**
 * Makes this process forward its events to the process that runs the jobs (or stop doing so,
 * with `undefined`); events that waited for a runner are forwarded at once.
 */
export async function setEmbeddedForwarder(
  forward: ((event: ConcordEvent) => Promise<void>) | undefined,
): Promise<void> {
  holder.__concordEmbeddedForwarder = forward;
  if (!forward) return;
  const waiting = holder.__concordEmbeddedBacklog ?? [];
  holder.__concordEmbeddedBacklog = [];
  for (const event of waiting) await forward(event);
}
