import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/read/index.js";
import { rawRowOf } from "../../src/read/spans.js";
import type { InputFile, RawRow } from "../../src/schema/table.js";
import { ChunkPool } from "../../src/read/chunk-pool.js";
import { memoryFile } from "./helpers.js";

/** A CSV of `n` records of differing lengths, some quoted across the chunk boundaries. */
function csvOf(n: number): string {
  const lines = ["id,name,note"];
  for (let i = 0; i < n; i++) lines.push(`R-${i},${"x".repeat(i % 37)},${i % 5 === 0 ? `"a, ""b""\nc ${i}"` : `n${i}`}`);
  return lines.join("\n") + "\n";
}

/** The records through `spans()`, each made into a row at once; `release` is called after each batch with what the caller still holds. */
async function readSpans(file: InputFile, reuse: boolean, release: number): Promise<RawRow[]> {
  const wb = await readWorkbook(file, { reuseChunks: reuse });
  const out: RawRow[] = [];
  for await (const sheet of wb.sheets) {
    for await (const s of sheet.spans!()) {
      for (let r = 0; r < s.count; r++) out.push(rawRowOf(s, r));
      sheet.release?.(release);
    }
  }
  return out;
}

describe("reading a CSV through reused chunk buffers", () => {
  it("gives the same records when the caller holds nothing, though the chunk being parsed is never given back", async () => {
    const csv = csvOf(10000);
    const taken = new Set<Uint8Array>();
    const file = memoryFile("data.csv", csv, 16384);
    const counted: InputFile = { ...file, open: (into) => file.open(into && { take: () => { const b = into.take(); taken.add(b); return b; } }) };
    const fresh = await readSpans(memoryFile("data.csv", csv, 16384), false, Infinity);
    expect(fresh).toHaveLength(10001);
    expect(await readSpans(counted, true, Infinity)).toEqual(fresh);
    // Some 20 chunks through four buffers: the 64 KB sample the dialect is sniffed from needs four; every later chunk reuses them.
    expect(csv.length / 16384).toBeGreaterThan(15);
    expect(taken.size).toBe(4);
  });

  it("reuses no buffer while the caller says it still holds the first chunk", async () => {
    const csv = csvOf(3000);
    const taken = new Set<Uint8Array>();
    const file = memoryFile("data.csv", csv, 16384);
    const counted: InputFile = { ...file, open: (into) => file.open(into && { take: () => { const b = into.take(); taken.add(b); return b; } }) };
    await readSpans(counted, true, 0);
    expect(taken.size).toBeGreaterThan(csv.length / 16384 - 1);
  });
});

describe("ChunkPool", () => {
  it("lends a buffer again only once it is given back, and passes over memory it did not lend", () => {
    const pool = new ChunkPool(64);
    const a = pool.take();
    const b = pool.take();
    expect(b).not.toBe(a);
    pool.give(a.subarray(0, 10));
    pool.give(a);
    pool.give(new Uint8Array(64));
    expect(pool.take()).toBe(a);
    expect(pool.take()).not.toBe(b);
    expect(pool.made).toBe(3);
    expect(pool.lends(b.subarray(5))).toBe(true);
  });
});
