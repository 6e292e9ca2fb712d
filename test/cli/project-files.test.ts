import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inputFile } from "../../src/cli/project-files.js";
import { ChunkPool } from "../../src/read/chunk-pool.js";

const dir = mkdtempSync(path.join(tmpdir(), "logframe-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `n` bytes whose every byte says where it is. */
function fileOf(name: string, n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  writeFileSync(path.join(dir, name), bytes);
  return bytes;
}

describe("a file on disk read through chunk buffers", () => {
  it("gives the file's bytes in order, each chunk in a buffer taken from the pool, one read ahead", async () => {
    const bytes = fileOf("big.csv", 5 * 4096 + 123);
    const pool = new ChunkPool(4096);
    const file = inputFile(dir, "big.csv");
    const chunks: Uint8Array[] = [];
    for await (const chunk of file.open(pool)) {
      // Each chunk is a view of a pool buffer, copied here because the buffers are reused (Buffer#slice would not copy).
      expect(pool.lends(chunk)).toBe(true);
      chunks.push(new Uint8Array(chunk));
      pool.give(chunk);
    }
    expect(chunks.map((c) => c.length)).toEqual([4096, 4096, 4096, 4096, 4096, 123]);
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
    expect(file.size).toBe(bytes.length);
    // The chunk being read, the one read ahead, and the empty read at the end.
    expect(pool.made).toBeLessThanOrEqual(3);
  });

  it("closes the file when the reader stops early, the read ahead still in flight", async () => {
    fileOf("stop.csv", 10 * 4096);
    const file = inputFile(dir, "stop.csv");
    let n = 0;
    for await (const chunk of file.open(new ChunkPool(4096))) {
      expect(chunk.length).toBe(4096);
      if (++n === 2) break;
    }
    // Reading it again from the start works: nothing was left open or half read.
    let total = 0;
    for await (const chunk of file.open(new ChunkPool(4096))) total += chunk.length;
    expect(total).toBe(10 * 4096);
  });

  it("gives the same bytes without a pool, each chunk memory of its own", async () => {
    const bytes = fileOf("plain.csv", 3 * 4096 + 5);
    const chunks: Uint8Array[] = [];
    for await (const chunk of inputFile(dir, "plain.csv").open()) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
  });
});
