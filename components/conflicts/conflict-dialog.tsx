"use client";

import { useState } from "react";
import { apiFetch, describeError } from "../api/api-fetch.ts";
import type { ConflictItem } from "../api/api-types.ts";
import { ModalDialog } from "../ui/modal-dialog.tsx";
import { useNotify } from "../ui/notice-area.tsx";

const fieldLabels: Record<string, string> = {
  title: "Title",
  start: "Start",
  end: "End",
  allDay: "All day",
  timeZone: "Time zone",
  location: "Location",
  description: "Description",
  recurrence: "Repeats",
  status: "Status",
};
const shownFields = Object.keys(fieldLabels);

function show(value: unknown, field?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  // Instants are shown in the browser's zone, as the calendar shows them.
  if ((field === "start" || field === "end") && typeof value === "string" && value.includes("T")) {
    const time = Date.parse(value);
    if (!Number.isNaN(time))
      return new Date(time).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }
  if (Array.isArray(value)) return value.join("\n") || "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Base, mine and theirs side by side; a field changed on a side is marked, a field in conflict
 * gets a choice. Keep mine / keep theirs / keep both (a copy) / apply the per-field choices.
 */
export function ConflictDialog(props: {
  conflict: ConflictItem;
  onClose: () => void;
  onResolved: () => Promise<void>;
}) {
  const { conflict } = props;
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, "local" | "remote">>(() =>
    Object.fromEntries(conflict.fields.map((field) => [field, "local" as const])),
  );
  const sides = [
    { key: "base", label: "Before", version: conflict.base },
    { key: "local", label: "Mine (Concord)", version: conflict.local },
    { key: "remote", label: "Theirs (server)", version: conflict.remote },
  ] as const;
  const fields = [
    ...conflict.fields.filter((f) => !shownFields.includes(f)),
    ...shownFields.filter((field) => sides.some((side) => side.version && field in side.version)),
  ];
  const bothExist = Boolean(conflict.local && conflict.remote);

  async function resolve(choice: "local" | "remote" | "both" | "fields") {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/v1/conflicts/${encodeURIComponent(conflict.id)}/resolve`, {
        method: "POST",
        body: choice === "fields" ? { choice, fields: choices } : { choice },
      });
      notify({ text: "Conflict resolved." });
      await props.onResolved();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  const title = show((conflict.local ?? conflict.remote ?? conflict.base)?.title);
  return (
    <ModalDialog title={`Conflict: ${title}`} onClose={props.onClose} wide testId="conflict-dialog">
      <p>
        {conflict.kind === "edit_edit" && "This event was changed in Concord and on the server at the same time."}
        {conflict.kind === "edit_delete" && "You changed this event in Concord, but it was deleted on the server."}
        {conflict.kind === "delete_edit" && "You deleted this event in Concord, but it was changed on the server."}
      </p>
      <div className="table-scroll">
        <table className="conflict-table">
          <caption className="sr-only">Field by field comparison</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {sides.map((side) => (
                <th scope="col" key={side.key}>
                  {side.label}
                </th>
              ))}
              {bothExist && conflict.fields.length > 0 && <th scope="col">Keep</th>}
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const inConflict = conflict.fields.includes(field);
              return (
                <tr key={field} className={inConflict ? "conflict-row" : undefined} data-field={field}>
                  <th scope="row">
                    {fieldLabels[field] ?? field}
                    {inConflict && <span className="sr-only"> (in conflict)</span>}
                  </th>
                  {sides.map((side) => {
                    const value = side.version ? side.version[field] : undefined;
                    const changed =
                      side.key !== "base" && side.version && conflict.base && !same(value, conflict.base[field]);
                    return (
                      <td key={side.key} className={changed ? "changed" : undefined}>
                        {side.version
                          ? show(value, field)
                          : side.key === "remote"
                            ? "Deleted on the server"
                            : side.key === "local"
                              ? "Deleted in Concord"
                              : "—"}
                        {changed && <span className="sr-only"> (changed)</span>}
                      </td>
                    );
                  })}
                  {bothExist && conflict.fields.length > 0 && (
                    <td>
                      {inConflict && (
                        <fieldset className="field-choice">
                          <legend className="sr-only">Keep which {fieldLabels[field] ?? field}</legend>
                          <label className="field-inline">
                            <input
                              type="radio"
                              name={`choice-${field}`}
                              checked={choices[field] === "local"}
                              onChange={() => setChoices((c) => ({ ...c, [field]: "local" }))}
                            />
                            Mine
                          </label>
                          <label className="field-inline">
                            <input
                              type="radio"
                              name={`choice-${field}`}
                              checked={choices[field] === "remote"}
                              onChange={() => setChoices((c) => ({ ...c, [field]: "remote" }))}
                            />
                            Theirs
                          </label>
                        </fieldset>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="button-row wrap">
        <button type="button" disabled={busy} onClick={() => resolve("local")}>
          Keep mine
        </button>
        <button type="button" disabled={busy} onClick={() => resolve("remote")}>
          Keep theirs
        </button>
        {bothExist && (
          <button type="button" disabled={busy} onClick={() => resolve("both")}>
            Keep both
          </button>
        )}
        {bothExist && conflict.fields.length > 0 && (
          <button type="button" className="button-primary" disabled={busy} onClick={() => resolve("fields")}>
            Keep my choices per field
          </button>
        )}
      </div>
    </ModalDialog>
  );
}
