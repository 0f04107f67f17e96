"use client";

import { useConflicts } from "./conflicts-provider.tsx";

function titleOf(version: Record<string, unknown> | null): string {
  const title = version?.title;
  return typeof title === "string" && title ? title : "(no title)";
}

/** The /conflicts page: every open conflict, each opening the prompt. */
export function ConflictList() {
  const { conflicts, open } = useConflicts();
  return (
    <main className="page">
      <h1>Conflicts</h1>
      {conflicts.length === 0 ? (
        <p className="empty-state">No open conflicts. Edits made here and elsewhere were merged.</p>
      ) : (
        <ul className="card-list">
          {conflicts.map((conflict) => (
            <li key={conflict.id} className="card">
              <span>{titleOf(conflict.local ?? conflict.remote ?? conflict.base)}</span>
              <span className="muted">
                {" "}
                —{" "}
                {conflict.fields.length
                  ? `differs in ${conflict.fields.join(", ")}`
                  : conflict.kind.replace("_", " vs ")}
              </span>
              <button type="button" onClick={() => open(conflict.id)}>
                Resolve
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
