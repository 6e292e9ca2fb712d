import type { Finding } from "../errors/finding.js";
import type { RawRow } from "../schema/table.js";
import type { ResolvedReadOptions } from "./options.js";
import type { ZipSource } from "./zip.js";

/**
 * Messages from the reader worker, tagged with the job (one file) they belong to. `index` numbers
 * the worksheets as the worker starts them, so a late `skip` can never stop the wrong sheet. The
 * worker posts them in arrays (`ToMain[]`, in order): those of one turn of its event loop together.
 */
export type ToMain = { job: number } & (
  | { t: "sheet"; index: number; name: string; hidden: boolean }
  | { t: "rows"; index: number; rows: RawRow[] }
  | { t: "end"; index: number }
  | { t: "finding"; finding: Finding }
  | { t: "done" }
  | { t: "fail"; finding: Finding }
);

/**
 * Messages to the reader worker: a file to read (`job`: its bytes, moved, or its path on disk;
 * `ahead`: up to 32 batches ahead of the consumer instead of 4), a batch was consumed (`ack`), the
 * consumer moved past a sheet (`skip`), or load ICU's locale data while idle (`warm`, see
 * `prewarmXlsxReader`).
 */
export type ToWorker =
  | { t: "warm" }
  | { t: "job"; job: number; source: ZipSource; path: string; opts: ResolvedReadOptions; ahead?: true }
  | { t: "ack"; job: number }
  | { t: "skip"; job: number; index: number };
