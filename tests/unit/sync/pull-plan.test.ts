import { describe, expect, it } from "vitest";
import { planPull, type ExistingRow } from "../../../lib/sync/pull/plan-pull.ts";
import type { RemoteChange } from "../../../lib/providers/types.ts";

const row = (ref: string, extra: Partial<ExistingRow> = {}): ExistingRow => ({
  id: `id-${ref}`,
  remoteRef: ref,
  etag: `"${ref}-1"`,
  version: 1,
  hasPendingChange: false,
  ...extra,
});
const upsert = (ref: string, etag = `"${ref}-2"`): RemoteChange => ({ type: "upsert", ref, etag, ical: `ICAL ${ref}` });
const remove = (ref: string): RemoteChange => ({ type: "delete", ref });
const refs = (rows: { remoteRef?: string; ref?: string }[]) => rows.map((r) => r.remoteRef ?? r.ref).sort();

describe("planPull", () => {
  it("creates unknown refs, updates changed etags and skips equal etags", () => {
    const plan = planPull({
      existing: [row("a"), row("b")],
      changes: [upsert("a", '"a-1"'), upsert("b"), upsert("c")],
      isFullListing: false,
      previouslyHeld: [],
    });
    expect(plan.skipped).toBe(1);
    expect(plan.updates.map((u) => u.row.remoteRef)).toEqual(["b"]);
    expect(plan.creates.map((c) => c.ref)).toEqual(["c"]);
    expect(plan.deletions).toEqual([]);
  });

  it("treats a missing stored etag as changed", () => {
    const plan = planPull({
      existing: [row("a", { etag: null })],
      changes: [upsert("a", null as unknown as string)],
      isFullListing: false,
      previouslyHeld: [],
    });
    expect(plan.updates).toHaveLength(1);
  });

  it("sweeps unlisted rows only after a complete listing", () => {
    const existing = [row("a"), row("b"), row("c")];
    const partial = planPull({ existing, changes: [upsert("a", '"a-1"')], isFullListing: false, previouslyHeld: [] });
    expect(partial.deletions).toEqual([]);
    const full = planPull({
      existing,
      changes: [upsert("a", '"a-1"'), upsert("b", '"b-1"')],
      isFullListing: true,
      previouslyHeld: [],
    });
    expect(refs(full.deletions)).toEqual(["c"]);
  });

  it("sends rows with a pending change to the merge instead of updating or deleting them", () => {
    const plan = planPull({
      existing: [
        row("a", { hasPendingChange: true }),
        row("b", { hasPendingChange: true }),
        row("c"),
        row("d"),
        row("e"),
      ],
      changes: [upsert("a"), remove("b")],
      isFullListing: false,
      previouslyHeld: [],
    });
    expect(plan.updates).toEqual([]);
    expect(plan.deletions).toEqual([]);
    expect(plan.merges.map((m) => [m.row.remoteRef, m.remote?.ref ?? null])).toEqual([
      ["a", "a"],
      ["b", null],
    ]);
  });

  it.each([
    { name: "more than half", existing: 4, deleted: 3, held: true },
    { name: "exactly half", existing: 4, deleted: 2, held: false },
    { name: "a single row of two", existing: 2, deleted: 1, held: false },
    { name: "two of three", existing: 3, deleted: 2, held: true },
  ])("mass-deletion guard: $name", ({ existing, deleted, held }) => {
    const rows = Array.from({ length: existing }, (_, i) => row(`r${i}`));
    const plan = planPull({
      existing: rows,
      changes: rows.slice(0, deleted).map((r) => remove(r.remoteRef)),
      isFullListing: false,
      previouslyHeld: [],
    });
    expect(plan.heldRefs.length > 0).toBe(held);
    expect(plan.deletions.length).toBe(held ? 0 : deleted);
  });

  it("judges the guard against the calendar's row count when only the named rows were read", () => {
    const base = { changes: [remove("a"), remove("b")], isFullListing: false, previouslyHeld: [] };
    const existing = [row("a"), row("b")];
    expect(planPull({ ...base, existing, totalRows: 10 }).deletions).toHaveLength(2);
    expect(planPull({ ...base, existing, totalRows: 3 }).heldRefs.sort()).toEqual(["a", "b"]);
  });

  it("holds an empty complete listing even for one row", () => {
    const plan = planPull({ existing: [row("a")], changes: [], isFullListing: true, previouslyHeld: [] });
    expect(plan.heldRefs).toEqual(["a"]);
    expect(plan.deletions).toEqual([]);
  });

  it("keeps earlier held refs, adds new deletions to them, and drops refs that came back", () => {
    const plan = planPull({
      existing: [row("a"), row("b"), row("c"), row("d"), row("e")],
      changes: [remove("c"), upsert("a", '"a-1"')],
      isFullListing: false,
      previouslyHeld: ["a", "b", "gone"],
    });
    expect(plan.heldRefs.sort()).toEqual(["b", "c"]);
    expect(plan.deletions).toEqual([]);
  });
});
