"use client";

import type { ReactNode } from "react";
import { ModalDialog } from "./modal-dialog.tsx";

/** Asks once before something that cannot be undone; the confirm button names the action. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ModalDialog title={props.title} onClose={props.onCancel}>
      <div className="confirm-text">{props.children}</div>
      <div className="button-row">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className={props.danger ? "button-danger" : "button-primary"}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
