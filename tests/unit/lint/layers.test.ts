import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages ESLint gives `code` as if it were the file at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the layer rules of eslint.layers.js", () => {
  it.each([
    ["lib/providers/caldav/x.ts", 'import { db } from "../../db/client.ts";\nexport const a = db;\n'],
    ["lib/providers/google.ts", 'import { s } from "../sync/pull-calendar.ts";\nexport const a = s;\n'],
    ["lib/ical/x.ts", 'import { q } from "../queue/send-event.ts";\nexport const a = q;\n'],
    ["lib/sync/x.ts", 'import { j } from "../jobs/fan-out-pulls.ts";\nexport const a = j;\n'],
    ["lib/sync/pull/x.ts", 'import { e } from "../../events/get-event.ts";\nexport const a = e;\n'],
    ["lib/connections/x.ts", 'import { s } from "../sync/pull-calendar.ts";\nexport const a = s;\n'],
    ["lib/queue/x.ts", 'import { j } from "../jobs/functions/index.ts";\nexport const a = j;\n'],
    ["lib/events/x.ts", 'import { j } from "../jobs/sync-operations.ts";\nexport const a = j;\n'],
    ["lib/jobs/x.ts", 'import { p } from "../../app/layout.tsx";\nexport const a = p;\n'],
    ["components/x.tsx", 'import { db } from "@/lib/db/client.ts";\nexport const a = db;\n'],
    ["components/calendar/x.ts", 'import { s } from "../../lib/sync/pull-calendar.ts";\nexport const a = s;\n'],
  ])("refuses an upward import in %s", async (file, code) => {
    expect(await layerErrors(file, code)).toHaveLength(1);
  });

  it.each([
    [
      "lib/sync/x.ts",
      'import { p } from "../providers/types.ts";\nimport { c } from "../connections/provider-for-connection.ts";\nexport const a = [p, c];\n',
    ],
    ["lib/events/x.ts", 'import { q } from "../queue/send-event.ts";\nexport const a = q;\n'],
    ["lib/jobs/x.ts", 'import { s } from "../sync/pull-calendar.ts";\nexport const a = s;\n'],
    ["lib/jobs/functions/x.ts", 'import { o } from "../sync-operations.ts";\nexport const a = o;\n'],
    ["lib/providers/caldav/x.ts", 'import { i } from "../../ical/types.ts";\nexport const a = i;\n'],
    ["app/x.ts", 'import { db } from "@/lib/db/client.ts";\nexport const a = db;\n'],
  ])("lets a downward import in %s through", async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
