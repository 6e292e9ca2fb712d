import type { Finding } from "../errors/finding.js";
import type { InputFile, RawSheet, RawWorkbook } from "../schema/table.js";
import { listCfbNames } from "./cfb.js";
import { ChunkPool } from "./chunk-pool.js";
import { readCsvSheet } from "./csv.js";
import { resolveReadOptions, type ReadOptions } from "./options.js";
import { findingOf, fmt, readFinding, ReadProblem } from "./problem.js";
import { mb } from "./size.js";
import { classifyCfb, SNIFF_BYTES, sniffFormat } from "./sniff.js";
import { concatBytes } from "./spans.js";
import { READ_AHEAD_BYTES, readXlsx } from "./xlsx.js";
import { pool, prewarmXlsxReader } from "./xlsx-pool.js";

export type { Limits, ReadOptions } from "./options.js";
export { CHUNK_BYTES, ChunkPool } from "./chunk-pool.js";
export { READ_AHEAD_BYTES } from "./xlsx.js";

/**
 * Read a spreadsheet file (xlsx or CSV, told apart by its bytes, not its name) as sheets of raw
 * cells. Never throws for bad input: every problem is a Finding in `findings` (complete once
 * `sheets` has been consumed) naming the file and, where known, the sheet, row and cell. An xlsx of
 * at most 1 MB is read ahead: its worker starts on it as soon as one is idle, before `sheets` is
 * consumed, so a caller may open the next small workbook while it consumes this one.
 *
 * @example
 * const wb = await readWorkbook(file, { limits: project.limits });
 * for await (const sheet of wb.sheets) for await (const row of sheet.rows) console.log(sheet.name, row.row, row.cells);
 * console.log(wb.findings);
 */
export async function readWorkbook(file: InputFile, options: ReadOptions = {}): Promise<RawWorkbook> {
  const opts = resolveReadOptions(options);
  const findings: Finding[] = [];
  const result = (format: RawWorkbook["format"], sheets: AsyncIterable<RawSheet> = noSheets()): RawWorkbook => ({ file: file.path, format, sheets, findings });
  const guessFormat = /\.(csv|tsv|txt)$/i.test(file.path) ? "csv" : "xlsx";
  const tooLarge = (size: number) =>
    readFinding("file-too-large", file.path, `the file is ${fmt(Math.ceil(size / 1048576))} MB; the limit is ${fmt(opts.limits.max_file_mb)} MB (limits.max_file_mb)`);
  const maxBytes = mb(opts.limits.max_file_mb);

  if (file.size > maxBytes) return (findings.push(tooLarge(file.size)), result(guessFormat));
  // A small file's place in the reader's queue is taken now, before its bytes are read, so small
  // workbooks opened one after another are read ahead in that order.
  let place = file.size >= 0 && file.size <= READ_AHEAD_BYTES ? pool.reserve(opts.workerHeapMb) : undefined;
  let iter: AsyncIterator<Uint8Array> | undefined;
  try {
    const chunks = opts.reuseChunks ? new ChunkPool() : undefined;
    iter = file.open(chunks)[Symbol.asyncIterator]();
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let done = false;
    while (headBytes < SNIFF_BYTES) {
      const r = await iter.next();
      if (r.done) {
        done = true;
        break;
      }
      head.push(r.value);
      headBytes += r.value.length;
    }
    if (file.size > maxBytes) {
      findings.push(tooLarge(file.size));
      return result(guessFormat);
    }
    const size = done ? headBytes : file.size >= 0 ? file.size : Infinity;
    const sniffed = sniffFormat(concatBytes(head), size, file.path);
    switch (sniffed.kind) {
      case "empty":
        findings.push(readFinding("file-empty", file.path, sniffed.message));
        return result(guessFormat);
      case "refuse":
        findings.push(readFinding(sniffed.code, file.path, sniffed.message));
        return result(guessFormat);
      case "text": {
        const rest = iter;
        iter = undefined; // the CSV reader owns and closes it now
        return result("csv", oneSheet(readCsvSheet({ path: file.path, head, rest, encoding: sniffed.encoding, ...(chunks ? { pool: chunks } : {}) }, opts, findings)));
      }
      case "zip":
      case "ole2": {
        if (sniffed.kind === "zip" && file.diskPath !== undefined && file.size > READ_AHEAD_BYTES) {
          // A large workbook on disk: its reader reads the zip in place, part by part, so the file is
          // never held in memory whole (a small one is read ahead from memory, as below).
          place?.withdraw();
          place = undefined;
          return result("xlsx", readXlsx({ file: file.diskPath }, file.path, opts, findings));
        }
        const chunks = [...head];
        let total = headBytes;
        for (let r = done ? undefined : await iter.next(); r && !r.done; r = await iter.next()) {
          total += r.value.length;
          if (total > maxBytes) throw new ReadProblem("file-too-large", `the file is larger than ${fmt(opts.limits.max_file_mb)} MB (limits.max_file_mb)`);
          chunks.push(r.value);
        }
        iter = undefined;
        // Memory of our own (one chunk is copied: it may be the caller's), so the reader can move it to its worker.
        const bytes = chunks.length === 1 ? new Uint8Array(chunks[0]!) : concatBytes(chunks);
        if (sniffed.kind === "ole2") {
          const { code, message } = classifyCfb(listCfbNames(bytes));
          findings.push(readFinding(code, file.path, message));
          return result("xlsx");
        }
        const handed = place;
        place = undefined;
        return result("xlsx", readXlsx({ bytes }, file.path, opts, findings, handed));
      }
    }
    return result(guessFormat);
  } catch (err) {
    findings.push(findingOf(err, file.path));
    return result(guessFormat);
  } finally {
    place?.withdraw();
    await iter?.return?.();
  }
}

/**
 * Start the xlsx reader's worker thread ahead of the first read, with the heap limit `readWorkbook`
 * will ask for, so that read does not wait for the worker to boot. Call it before slow work that does
 * not need the reader (parsing the project file); harmless if no xlsx is read after all.
 * @example prewarmReader(); const project = parseProject(text, "logframe.yaml");
 */
export function prewarmReader(options: Pick<ReadOptions, "workerHeapMb"> = {}): void {
  prewarmXlsxReader(resolveReadOptions(options).workerHeapMb);
}

async function* noSheets(): AsyncGenerator<RawSheet> {}

async function* oneSheet(sheet: RawSheet): AsyncGenerator<RawSheet> {
  yield sheet;
}
