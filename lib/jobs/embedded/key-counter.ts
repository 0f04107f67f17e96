/** How many runs hold each concurrency key (a function's key, a connection). */
export interface KeyCounter {
  count(key: string | undefined): number;
  add(key: string | undefined): void;
  remove(key: string | undefined): void;
}

/** Runs without a key (undefined) are never counted. */
export function createKeyCounter(): KeyCounter {
  const counts = new Map<string, number>();
  return {
    count: (key) => (key === undefined ? 0 : (counts.get(key) ?? 0)),
    add(key) {
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    remove(key) {
      if (key === undefined) return;
      const remaining = (counts.get(key) ?? 1) - 1;
      if (remaining > 0) counts.set(key, remaining);
      else counts.delete(key);
    },
  };
}
