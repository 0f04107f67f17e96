"use client";

import type { UndoToastState } from "../calendar/use-undo.ts";

/** The latest change with its Undo button, in a polite live region at the bottom of the page. */
export function UndoToast(props: { toast: UndoToastState | null; onUndo: () => void; onDismiss: () => void }) {
  return (
    <div className="undo-toast-area" role="status" aria-live="polite">
      {props.toast && (
        <p key={props.toast.id} className="notice undo-toast" data-testid="undo-toast">
          <span>{props.toast.text}</span>
          <button type="button" className="undo-button" onClick={props.onUndo}>
            Undo
          </button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={props.onDismiss}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
