import { describe, expect, it } from "vitest";
import { flattenBatches } from "../../src/normalize/flatten.js";

describe("flattenBatches", () => {
  it("gives the items of each batch in order, skipping empty batches", async () => {
    async function* batches() {
      yield [1, 2];
      yield [];
      yield [3];
    }
    const out: number[] = [];
    for await (const n of flattenBatches(batches())) out.push(n);
    expect(out).toEqual([1, 2, 3]);
  });

  it("closes the batch stream when the consumer stops early", async () => {
    let closed = false;
    async function* batches() {
      try {
        yield [1, 2, 3];
        yield [4];
      } finally {
        closed = true;
      }
    }
    for await (const n of flattenBatches(batches())) if (n === 2) break;
    expect(closed).toBe(true);
  });
});
