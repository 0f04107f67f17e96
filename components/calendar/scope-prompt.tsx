"use client";

import { ModalDialog } from "../ui/modal-dialog.tsx";

export type EditScope = "this" | "following" | "all";

/** For an occurrence of a repeating event: which occurrences the change applies to (docs/api.md ?scope). */
export function ScopePrompt(props: {
  action: "change" | "delete";
  allowThis: boolean;
  onChoose: (scope: EditScope) => void;
  onCancel: () => void;
}) {
  const verb = props.action === "delete" ? "Delete" : "Change";
  return (
    <ModalDialog title={`${verb} a repeating event`} onClose={props.onCancel} testId="scope-prompt">
      <p>This event repeats. Which occurrences should this {props.action === "delete" ? "delete" : "change"}?</p>
      <div className="button-column">
        {props.allowThis && (
          <button type="button" onClick={() => props.onChoose("this")}>
            This event
          </button>
        )}
        <button type="button" onClick={() => props.onChoose("following")}>
          This and following events
        </button>
        <button type="button" onClick={() => props.onChoose("all")}>
          All events
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
