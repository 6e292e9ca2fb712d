/**
 * Flatten a stream of batches into a stream of items. Hand-written rather than an async generator
 * (`for (const e of batch) yield e`): an already-resolved promise per item is about three times
 * cheaper than resuming a generator, which matters at a million rows. `return()` (a consumer's
 * `break`) closes the batch stream, so readers release their files.
 */
export function flattenBatches<T>(batches: AsyncIterator<T[]>): AsyncIterableIterator<T> {
  let batch: T[] = [];
  let at = 0;
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    next(): Promise<IteratorResult<T>> {
      if (at < batch.length) return Promise.resolve({ value: batch[at++]!, done: false });
      return batches.next().then((r) => {
        if (r.done) return { value: undefined, done: true };
        batch = r.value;
        at = 0;
        return iterator.next();
      });
    },
    async return(): Promise<IteratorResult<T>> {
      batch = [];
      await batches.return?.();
      return { value: undefined, done: true };
    },
  };
  return iterator;
}
