"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { apiFetch } from "../api/api-fetch.ts";
import type { ConflictItem } from "../api/api-types.ts";
import { useLiveTopic } from "../live/live-updates-provider.tsx";
import { ConflictDialog } from "./conflict-dialog.tsx";

interface ConflictsApi {
  conflicts: ConflictItem[];
  /** Increases after each resolution: views holding events refetch on change. */
  resolvedCount: number;
  refresh: () => Promise<void>;
  open: (conflictId: string) => void;
  openForEvent: (eventId: string) => boolean;
}

const ConflictsContext = createContext<ConflictsApi>({
  conflicts: [],
  resolvedCount: 0,
  refresh: async () => undefined,
  open: () => undefined,
  openForEvent: () => false,
});

export function useConflicts(): ConflictsApi {
  return useContext(ConflictsContext);
}

/**
 * Open conflicts of the person (refetched when the live stream says they changed, and every
 * 30 s) and the one prompt that resolves them.
 */
export function ConflictsProvider({ children }: { children: ReactNode }) {
  const [conflicts, setConflicts] = useState<ConflictItem[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [resolvedCount, setResolvedCount] = useState(0);

  const refresh = useCallback(async () => {
    try {
      const body = await apiFetch<{ items: ConflictItem[] }>("/api/v1/conflicts?status=open");
      setConflicts(body.items);
    } catch {
      // The count is a hint; the next poll tries again.
    }
  }, []);

  useLiveTopic("conflicts", refresh);

  useEffect(() => {
    // Loads from the API on mount; state is set when the response arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
    const timer = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const openForEvent = useCallback(
    (eventId: string) => {
      const match = conflicts.find((c) => c.eventId === eventId);
      if (match) setOpenId(match.id);
      return Boolean(match);
    },
    [conflicts],
  );
  const api = useMemo(
    () => ({ conflicts, resolvedCount, refresh, open: setOpenId, openForEvent }),
    [conflicts, resolvedCount, refresh, openForEvent],
  );
  const current = conflicts.find((c) => c.id === openId);
  return (
    <ConflictsContext.Provider value={api}>
      {children}
      {current && (
        <ConflictDialog
          conflict={current}
          onClose={() => setOpenId(null)}
          onResolved={async () => {
            setOpenId(null);
            setResolvedCount((n) => n + 1);
            await refresh();
          }}
        />
      )}
    </ConflictsContext.Provider>
  );
}
