/**
 * Seeded random faults for the loopback proxy (caldav-proxy.ts): per request, with a given
 * probability, one of the failures a remote calendar service shows in the wild. The same seed
 * gives the same sequence of decisions, so a failing run can be replayed (the order of
 * requests still depends on timing, so the replay is close, not exact).
 */
import type { ProxyFault, ProxyRequest } from "./caldav-proxy.ts";

export type FaultKind = ProxyFault["kind"];

export const allFaultKinds: FaultKind[] = [
  "status",
  "reset-before",
  "reset-after",
  "truncate",
  "stall",
  "partial-sync",
  "partial-multiget",
];

export interface RandomFaultOptions {
  seed: number;
  /** Chance (0..1) that one request meets a fault. */
  probability: number;
  kinds?: FaultKind[];
  /** How long a stall holds the answer back (default 300 ms; make it exceed the client's read timeout when it has one). */
  stallMs?: number;
  /** Retry-After seconds sent with 503/429 (default "0": the tests do not wait for real). */
  retryAfter?: string;
}

export interface RandomFaults {
  decide(request: ProxyRequest): ProxyFault | undefined;
  /** Faults injected so far, by kind (status faults by code). */
  counts: Record<string, number>;
  setProbability(probability: number): void;
}

/** mulberry32: a tiny, well-mixed 32-bit PRNG; Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandomFaults(options: RandomFaultOptions): RandomFaults {
  const random = seededRandom(options.seed);
  const kinds = options.kinds ?? allFaultKinds;
  const counts: Record<string, number> = {};
  let probability = options.probability;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  function build(kind: FaultKind, request: ProxyRequest): ProxyFault | undefined {
    switch (kind) {
      case "status": {
        const status = pick([503, 429, 500, 502] as const);
        return status === 503 || status === 429
          ? { kind, status, retryAfter: options.retryAfter ?? "0" }
          : { kind, status };
      }
      case "truncate":
        return { kind, withLength: random() < 0.5, gzip: random() < 0.5 };
      case "stall":
        return { kind, ms: options.stallMs ?? 300 };
      case "partial-sync":
        // Only a sync-collection answer can be cut this way; other requests pass.
        return request.body.includes("sync-collection") ? { kind } : undefined;
      case "partial-multiget":
        return request.body.includes("calendar-multiget") ? { kind } : undefined;
      default:
        return { kind };
    }
  }

  return {
    counts,
    setProbability(next) {
      probability = next;
    },
    decide(request) {
      // Both draws happen on every request so one decision never shifts the next ones.
      const roll = random();
      const kind = pick(kinds);
      if (roll >= probability) return undefined;
      const fault = build(kind, request);
      if (!fault) return undefined;
      const label = fault.kind === "status" ? `status-${fault.status}` : fault.kind;
      counts[label] = (counts[label] ?? 0) + 1;
      return fault;
    },
  };
}
