"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { describeError } from "../api/api-fetch.ts";
import { useNotify } from "../ui/notice-area.tsx";

/** One change the person can take back: the sentence shown and the request(s) that revert it. */
export interface UndoAction {
  text: string;
  undo: () => Promise<void>;
}

export interface UndoToastState {
  id: number;
  text: string;
}

/** How long the toast offers Undo; Ctrl/Cmd+Z keeps working on the recent changes after it. */
const TOAST_MS = 10_000;
/** Recent changes Ctrl/Cmd+Z can walk back, newest first. */
const STACK_SIZE = 10;

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Undo for the calendar page: `record` offers the latest change in a toast for ~10 s, and
 * Ctrl/Cmd+Z takes back the newest one - not while the person types in a field, where the
 * browser's own text undo belongs, and not behind an open dialog. Each undo is guarded on the
 * server by the version the change produced (undo-actions.ts), so a stale undo is refused,
 * never applied over someone else's edit.
 */
export function useUndo(params: { onUndone: () => Promise<void> | void }) {
  const notify = useNotify();
  const stack = useRef<UndoAction[]>([]);
  const running = useRef(false);
  const [toast, setToast] = useState<UndoToastState | null>(null);
  const onUndoneRef = useRef(params.onUndone);
  useEffect(() => {
    onUndoneRef.current = params.onUndone;
  }, [params.onUndone]);

  const dismiss = useCallback(() => setToast(null), []);

  const record = useCallback((action: UndoAction) => {
    stack.current = [...stack.current.slice(-(STACK_SIZE - 1)), action];
    const id = Date.now() + Math.random();
    setToast({ id, text: action.text });
    setTimeout(() => setToast((current) => (current?.id === id ? null : current)), TOAST_MS);
  }, []);

  const undoLast = useCallback(async () => {
    if (running.current) return;
    const action = stack.current.pop();
    setToast(null);
    if (!action) {
      notify({ text: "Nothing to undo." });
      return;
    }
    running.current = true;
    try {
      await action.undo();
      notify({ text: `Undone: ${action.text}` });
    } catch (error) {
      notify({ kind: "error", text: `Could not undo “${action.text}”: ${describeError(error)}` });
    } finally {
      running.current = false;
      await onUndoneRef.current();
    }
  }, [notify]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== "z" || isTypingTarget(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      event.preventDefault();
      void undoLast();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [undoLast]);

  return { toast, record, undoLast, dismiss };
}
