import { describe, expect, it } from "vitest";
import { writePipelined } from "../../../lib/sync/pull/write-pipelined.ts";

describe("writePipelined", () => {
  it("prepares every item before its batch is written, writes batches in order and sums the counts", async () => {
    const log: string[] = [];
    const total = await writePipelined({
      items: Array.from({ length: 5 }, (_, i) => i),
      batchSize: 2,
      prepare: (item) => log.push(`prepare ${item}`),
      write: async (batch) => {
        log.push(`write ${batch.join(",")}`);
        return batch.length;
      },
    });
    expect(total).toBe(5);
    expect(log.filter((line) => line.startsWith("write"))).toEqual(["write 0,1", "write 2,3", "write 4"]);
    for (const [item, batch] of [
      [0, "0,1"],
      [3, "2,3"],
      [4, "4"],
    ] as const) {
      expect(log.indexOf(`prepare ${item}`)).toBeLessThan(log.indexOf(`write ${batch}`));
    }
    // Batch 2 is prepared while batch 1 is being written.
    expect(log.indexOf("prepare 2")).toBeGreaterThan(log.indexOf("write 0,1"));
  });

  it("rethrows a failed write and stops writing", async () => {
    const written: number[][] = [];
    const attempt = writePipelined({
      items: [1, 2, 3, 4, 5, 6],
      batchSize: 2,
      prepare: () => undefined,
      write: async (batch) => {
        written.push(batch);
        if (batch[0] === 1) throw new Error("disk full");
        return batch.length;
      },
    });
    await expect(attempt).rejects.toThrow("disk full");
    expect(written).toEqual([[1, 2]]);
  });

  it("writes nothing for no items", async () => {
    let calls = 0;
    const total = await writePipelined({
      items: [],
      batchSize: 10,
      prepare: () => undefined,
      write: async () => ++calls,
    });
    expect(total).toBe(0);
    expect(calls).toBe(0);
  });
});
