import type * as z from "zod";
import { LimitsSchema } from "../schema/project.js";
import { DEFAULT_WORKER_HEAP_MB } from "./xlsx-pool.js";

/** Resource limits for reading untrusted files (the project file's `limits`). */
export type Limits = z.infer<typeof LimitsSchema>;

/** How to read one file. */
export interface ReadOptions {
  /** The project's `limits`; missing entries take the schema defaults. */
  limits?: Partial<Limits>;
  /** Read only this sheet (xlsx); a sheet the workbook lacks gives `sheet-not-found`. Ignored for CSV. */
  sheet?: string;
  /** Heap limit of the thread that reads an xlsx, in MB (default 512); running out is `read-failed`, not a crash. */
  workerHeapMb?: number;
  /**
   * Read a CSV through a few reused chunk buffers instead of fresh memory for each chunk (touching
   * fresh memory is the slow part of reading a large file). The buffers are reused only when the
   * sheet's caller says, through `RawSheet.release`, that it no longer points into them.
   */
  reuseChunks?: boolean;
}

/** Reader settings after defaults are filled in, plus the guard thresholds that are not in the project file. */
export interface ResolvedReadOptions {
  limits: Limits;
  sheet?: string;
  /** Longest text an xlsx cell may hold: Excel's own limit is 32,767 characters. */
  maxCellChars: number;
  /** Deepest XML element nesting accepted in a workbook part. */
  maxXmlDepth: number;
  /** Most zip entries a workbook may have. */
  maxZipEntries: number;
  workerHeapMb: number;
  reuseChunks: boolean;
}

/** Fill in the defaults once, early, so the reader never checks for missing options again. */
export function resolveReadOptions(opts: ReadOptions = {}): ResolvedReadOptions {
  const limits = LimitsSchema.parse(opts.limits ?? {});
  return {
    limits,
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    maxCellChars: 32_767,
    maxXmlDepth: 256,
    maxZipEntries: 20_000,
    workerHeapMb: opts.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB,
    reuseChunks: opts.reuseChunks ?? false,
  };
}

// Re-exported for the CSV reader, which imports it from here.
export { mb } from "./size.js";
