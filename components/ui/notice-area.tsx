"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export interface Notice {
  id: number;
  kind: "info" | "error";
  text: string;
}

interface NoticeApi {
  notify: (params: { kind?: Notice["kind"]; text: string }) => void;
}

const NoticeContext = createContext<NoticeApi>({ notify: () => undefined });

export function useNotify(): NoticeApi["notify"] {
  return useContext(NoticeContext).notify;
}

/**
 * Messages that must be seen (a refused edit that was rolled back, a finished sync): errors go
 * in an assertive live region, the rest in a polite one. Each stays until dismissed or 8 s pass.
 */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback<NoticeApi["notify"]>(
    ({ kind = "info", text }) => {
      const id = Date.now() + Math.random();
      setNotices((list) => [...list.slice(-3), { id, kind, text }]);
      setTimeout(() => dismiss(id), kind === "error" ? 12_000 : 6_000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ notify }), [notify]);
  return (
    <NoticeContext.Provider value={api}>
      {children}
      <div className="notices">
        <div role="alert" aria-live="assertive">
          {notices
            .filter((n) => n.kind === "error")
            .map((n) => (
              <p key={n.id} className="notice notice-error" data-testid="notice-error">
                <span>{n.text}</span>
                <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
                  ×
                </button>
              </p>
            ))}
        </div>
        <div role="status" aria-live="polite">
          {notices
            .filter((n) => n.kind === "info")
            .map((n) => (
              <p key={n.id} className="notice" data-testid="notice-info">
                <span>{n.text}</span>
                <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
                  ×
                </button>
              </p>
            ))}
        </div>
      </div>
    </NoticeContext.Provider>
  );
}
