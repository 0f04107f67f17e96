"use client";

import { useCallback, useState } from "react";
import type { EditScope } from "./scope-prompt.tsx";

export interface ScopeQuestion {
  action: "change" | "delete";
  allowThis: boolean;
  answer: (scope: EditScope | null) => void;
}

/** Asks "this / this and following / all" and resolves with the answer (null: cancelled). */
export function useScopeQuestion(): {
  question: ScopeQuestion | null;
  askScope: (action: ScopeQuestion["action"], allowThis?: boolean) => Promise<EditScope | null>;
} {
  const [question, setQuestion] = useState<ScopeQuestion | null>(null);
  const askScope = useCallback(
    (action: ScopeQuestion["action"], allowThis = true) =>
      new Promise<EditScope | null>((resolve) => {
        setQuestion({
          action,
          allowThis,
          answer: (scope) => {
            setQuestion(null);
            resolve(scope);
          },
        });
      }),
    [],
  );
  return { question, askScope };
}
