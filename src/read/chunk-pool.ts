import type { ChunkBuffers } from "../schema/table.js";

/** Bytes a file is read in at a time (the CLI's chunk size). */
export const CHUNK_BYTES = 1 << 20;

/**
 * The buffers one file is read into, lent out and given back: a large CSV is read through the same
 * few MB instead of fresh memory for each chunk (on the benchmark's VM, touching fresh memory costs
 * ~4 ms a MB; a fresh 1 MB buffer per chunk was a fifth of the page faults of a 1M-row validate).
 * A buffer is given back only by the reader that knows nothing points into it any more.
 */
export class ChunkPool implements ChunkBuffers {
  private readonly free: Uint8Array[] = [];
  /** Buffers lent out, by their memory (a chunk is a view of one). */
  private readonly lent = new Map<ArrayBufferLike, Uint8Array>();
  /** Buffers made so far (what reuse saves shows as this staying small). */
  made = 0;

  constructor(readonly size = CHUNK_BYTES) {}

  take(): Uint8Array {
    let b = this.free.pop();
    if (!b) {
      // A Buffer, so its text is read without a wrapper (`decodeSpan`); its bytes are all written before they are read.
      b = Buffer.allocUnsafeSlow(this.size);
      this.made++;
    }
    this.lent.set(b.buffer, b);
    return b;
  }

  /** `chunk`'s buffer may be read into again. A chunk of memory this pool did not lend, or lent back already, is passed over. */
  give(chunk: Uint8Array): void {
    const b = this.lent.get(chunk.buffer);
    if (!b) return;
    this.lent.delete(chunk.buffer);
    this.free.push(b);
  }

  /** Whether `chunk` is a view of a buffer lent out now. */
  lends(chunk: Uint8Array): boolean {
    return this.lent.has(chunk.buffer);
  }
}
