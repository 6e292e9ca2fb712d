import type { RawRow } from "../schema/table.js";

/**
 * Rows as an `AsyncIterable`, fed by batches. Each row costs one already-resolved promise, not an
 * async generator step, which matters at a million rows. `nextBatch` returns `undefined` at the end;
 * `close` runs once, when the rows end or the consumer stops early.
 */
export function batchedRows(nextBatch: () => Promise<RawRow[] | undefined>, close: () => Promise<void> | void = () => {}): AsyncIterable<RawRow> {
  let used = false;
  return {
    [Symbol.asyncIterator](): AsyncIterator<RawRow> {
      if (used) return { next: async () => ({ value: undefined, done: true }) };
      used = true;
      let batch: RawRow[] = [];
      let i = 0;
      let finished = false;
      const end = async (): Promise<IteratorResult<RawRow>> => {
        if (!finished) {
          finished = true;
          await close();
        }
        return { value: undefined, done: true };
      };
      const refill = async (): Promise<IteratorResult<RawRow>> => {
        while (!finished) {
          let next: RawRow[] | undefined;
          try {
            next = await nextBatch();
          } catch (err) {
            await end();
            throw err;
          }
          if (next === undefined) return end();
          if (next.length > 0) {
            batch = next;
            i = 1;
            return { value: next[0]!, done: false };
          }
        }
        return { value: undefined, done: true };
      };
      return {
        next: () => (i < batch.length ? Promise.resolve({ value: batch[i++]!, done: false }) : refill()),
        return: () => end(),
      };
    },
  };
}
