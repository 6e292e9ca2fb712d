import type { Finding } from "../errors/finding.js";
import type { CellSpans, RawRow, RawSheet } from "../schema/table.js";
import type { ChunkPool } from "./chunk-pool.js";
import { CsvDecoder, MixedEncodingError } from "./csv-decode.js";
import { sniffDialect } from "./csv-dialect.js";
import { CsvParser, countBreaks } from "./csv-parser.js";
import { mb, type ResolvedReadOptions } from "./options.js";
import { findingOf, fmt, readFinding, ReadProblem } from "./problem.js";
import { concatBytes, decodeSpan, filledFields, rawRowOf, SpanWriter, spansFrom, spansUpTo } from "./spans.js";
import type { TextEncoding } from "./sniff.js";

/** Bytes read before the delimiter is chosen. */
const DIALECT_SAMPLE_BYTES = 64 * 1024;
/** Bytes handed to the parser at a time. */
const PIECE_BYTES = 64 * 1024;
/** A run of NUL bytes this long is not a stray byte but binary data or an unwritten tail. */
const MAX_NUL_RUN = 64;

/** A CSV's sheet name: the file's base name without its extension. */
export function csvSheetName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/** What `readCsvSheet` needs: the bytes already read for sniffing, and the rest of the file. */
export interface CsvSource {
  path: string;
  head: Uint8Array[];
  rest: AsyncIterator<Uint8Array>;
  encoding: TextEncoding;
  /** The buffers the chunks are read into, when they are reused (`ReadOptions.reuseChunks`). */
  pool?: ChunkPool;
}

/**
 * A CSV as one sheet whose rows stream from the file. Cells are text (`""` → null); rows that are
 * entirely blank are skipped; `row` is the physical line the record starts on. Problems are pushed
 * to `findings` as they are met; reading stops at the first error, after the rows before it. The
 * sheet's `spans()` hands the rows not yet read as byte spans, for readers of many rows.
 */
export function readCsvSheet(src: CsvSource, opts: ResolvedReadOptions, findings: Finding[]): RawSheet {
  const name = csvSheetName(src.path);
  const reader = new CsvRows(src, name, opts, findings);
  return { name, hidden: false, rows: reader.rows(), spans: () => reader.spans(), release: (chunk) => reader.release(chunk) };
}

/** The pull side of a CSV: each `next()` parses one piece of the file and returns the records it completed. */
class CsvRows {
  private readonly decoder: CsvDecoder;
  private parser: CsvParser | undefined;
  private readonly writer = new SpanWriter();
  /** Decoded bytes not parsed yet, and how far into them the parser is. */
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkAt = 0;
  private sample: Uint8Array[] = [];
  private eof = false;
  private bytes = 0;
  private rowCount = 0;
  private done = false;
  private guessReported = false;
  private readonly nul = { count: 0, firstLine: 0, run: 0 };
  /** The batch being read row by row through `rows()`, and the next record of it. */
  private current: CellSpans | undefined;
  private next = 0;
  /** Batches parsed but not handed out yet, in order. */
  private readonly ready: CellSpans[] = [];
  private used = false;
  private delimiter = ",";
  /** Chunks read into the pool's buffers that spans may still point into, oldest first, with their numbers. */
  private readonly held: { chunk: Uint8Array; n: number }[] = [];
  private chunksRead = 0;

  constructor(
    private readonly src: CsvSource,
    private readonly sheet: string,
    private readonly opts: ResolvedReadOptions,
    private readonly findings: Finding[],
  ) {
    this.decoder = new CsvDecoder(src.encoding);
  }

  /** The records as raw rows of text cells, each made when it is asked for. */
  rows(): AsyncIterable<RawRow> {
    const next = async (): Promise<IteratorResult<RawRow>> => {
      for (;;) {
        const cur = this.current;
        if (cur && this.next < cur.count) return { value: rawRowOf(cur, this.next++), done: false };
        const batch = await this.nextBatch();
        if (!batch) return this.finish();
        this.current = batch;
        this.next = 0;
      }
    };
    return this.once(next);
  }

  /** The records not yet handed out by `rows()`, as span batches. */
  spans(): AsyncIterable<CellSpans> {
    const next = async (): Promise<IteratorResult<CellSpans>> => {
      const cur = this.current;
      this.current = undefined;
      if (cur && this.next < cur.count) return { value: spansFrom(cur, this.next), done: false };
      for (;;) {
        const batch = await this.nextBatch();
        if (!batch) return this.finish();
        if (batch.count > 0) return { value: batch, done: false };
      }
    };
    return this.once(next, true);
  }

  /** An iterable whose `return()` (a consumer's `break`) closes the file. `rows()` is iterated once; `spans()` continues it. */
  private once<T>(next: () => Promise<IteratorResult<T>>, again = false): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<T> => {
        if (this.used && !again) return { next: async () => ({ value: undefined, done: true }) };
        this.used = true;
        return { next, return: () => this.finish() };
      },
    };
  }

  /** The caller no longer points into chunks numbered below `below`: their buffers go back to the pool. */
  release(below: number): void {
    const pool = this.src.pool;
    if (!pool) return;
    while (this.held.length > 0 && this.held[0]!.n < below) {
      const { chunk } = this.held[0]!;
      // Never the chunk being parsed, nor the one the parser still holds an unfinished record of.
      if (chunk.buffer === this.chunk.buffer || chunk.buffer === this.parser?.buffer.buffer) break;
      this.held.shift();
      pool.give(chunk);
    }
  }

  /** The number of the chunk `buf` is part of; memory of its own (a copy) counts as the last chunk read. */
  private numberOf(buf: Uint8Array): number {
    for (let i = this.held.length - 1; i >= 0; i--) if (this.held[i]!.chunk.buffer === buf.buffer) return this.held[i]!.n;
    return this.chunksRead - 1;
  }

  private async finish(): Promise<IteratorResult<never>> {
    await this.close();
    return { value: undefined, done: true };
  }

  /** The next records, or undefined at the end (or after a problem that stopped reading). */
  private async nextBatch(): Promise<CellSpans | undefined> {
    if (this.ready.length > 0) return this.ready.shift();
    if (this.done) return undefined;
    try {
      if (!this.parser) {
        this.eof = await this.start();
        this.chunk = concatBytes(this.sample);
        this.chunkAt = 0;
        this.sample = [];
      }
      const p = this.parser!;
      if (this.chunkAt >= this.chunk.length && !this.eof) {
        const bytes = await this.nextBytes();
        if (bytes === undefined) {
          this.eof = true;
          this.chunk = this.decoder.decode(new Uint8Array(0), true);
        } else {
          this.reportGuess();
          this.chunk = this.clean(bytes, () => p.lineAtEnd());
        }
        this.chunkAt = 0;
      }
      // Parse a piece at a time: small batches die young, which keeps the garbage collector cheap.
      if (this.chunkAt < this.chunk.length) {
        const at = this.chunkAt;
        this.chunkAt += PIECE_BYTES;
        // A record split between two pieces comes in a batch of its own, before the rest.
        const buf = p.push(at === 0 && this.chunk.length <= PIECE_BYTES ? this.chunk : this.chunk.subarray(at, at + PIECE_BYTES), this.writer, (b) => this.ready.push(this.take(b)));
        const more = this.chunkAt < this.chunk.length || !this.eof;
        // At the end of the file the last records are taken once, with the one end() completes.
        if (more && !this.done) this.ready.push(this.take(buf));
        if (more || this.done) return this.ready.shift();
      }
      this.ready.push(this.takeLast(p.end(this.writer)));
      return this.ready.shift();
    } catch (err) {
      // Rows completed before the problem are still handed out; then the sheet ends.
      this.ready.push(this.take(this.parser?.buffer ?? new Uint8Array(0)));
      this.fail(err);
      return this.ready.shift();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.done = true;
    this.current = undefined;
    await this.src.rest.return?.();
  }
  private closed = false;

  /** Read a sample, choose the dialect, make the parser; true when the sample is the whole file. */
  private async start(): Promise<boolean> {
    let eof = false;
    let size = 0;
    while (size < DIALECT_SAMPLE_BYTES) {
      const t = await this.nextBytes();
      if (t === undefined) {
        eof = true;
        this.sample.push(this.decoder.decode(new Uint8Array(0), true));
        break;
      }
      const clean = this.clean(t, () => 1 + this.sampleBreaks());
      this.sample.push(clean);
      size += clean.length;
    }
    const sample = concatBytes(this.sample);
    const text = decodeSpan(sample, 0, sample.length);
    const dialect = sniffDialect(text, eof);
    const sep = dialect.sepLine ? /^sep=.\r?\n/i.exec(text) : null;
    this.sample = [sep ? sample.subarray(Buffer.byteLength(sep[0])) : sample];
    this.reportGuess();
    this.delimiter = dialect.delimiter;
    this.parser = new CsvParser(dialect.delimiter, dialect.sepLine ? 2 : 1);
    return eof;
  }

  private sampleBreaks(): number {
    return this.sample.reduce((n, b) => n + countBreaks(b, 0, b.length), 0);
  }

  /** The next chunk as UTF-8 bytes (the sniffed head first), within the size limit. */
  private async nextBytes(): Promise<Uint8Array | undefined> {
    const chunk = this.src.head.length ? this.src.head.shift() : (await this.src.rest.next()).value;
    if (!chunk) return undefined;
    if (this.src.pool?.lends(chunk)) this.held.push({ chunk, n: this.chunksRead });
    this.chunksRead++;
    this.bytes += chunk.length;
    if (this.bytes > mb(this.opts.limits.max_file_mb))
      throw new ReadProblem("file-too-large", `the file is larger than ${fmt(this.opts.limits.max_file_mb)} MB (limits.max_file_mb)`);
    return this.decoder.decode(chunk);
  }

  /** The records parsed so far, within the row and column limits. */
  private take(buf: Uint8Array): CellSpans {
    const { max_rows, max_columns } = this.opts.limits;
    const s = this.writer.take(buf, this.src.pool ? this.numberOf(buf) : -1);
    for (let r = 0; r < s.count; r++) {
      if (s.fields[r + 1]! - s.fields[r]! > max_columns) {
        const filled = filledFields(s, r);
        if (filled > max_columns) {
          const line = s.lines[r]!;
          this.fail(new ReadProblem("sheet-too-large", `CSV line ${line} has ${fmt(filled)} filled cells; the limit is ${fmt(max_columns)} (limits.max_columns). Reading stopped there: the file is left incomplete`, this.at(line)));
          return spansUpTo(s, r);
        }
      }
      if (++this.rowCount > max_rows) {
        const line = s.lines[r]!;
        this.fail(new ReadProblem("sheet-too-large", `the file has more than ${fmt(max_rows)} rows (limits.max_rows); reading stopped at line ${line}: the rows read are incomplete`, this.at(line)));
        return spansUpTo(s, r);
      }
    }
    return s;
  }

  /** The last rows, then the end-of-file findings. */
  private takeLast(buf: Uint8Array): CellSpans {
    const rows = this.take(buf);
    if (this.done) return rows; // a limit stopped the sheet
    this.done = true;
    const { nul } = this;
    if (nul.count > 0)
      this.findings.push(readFinding("nul-bytes", this.src.path, `${fmt(nul.count)} NUL byte${nul.count === 1 ? "" : "s"} removed (first on line ${nul.firstLine})`, this.at(nul.firstLine)));
    if (this.rowCount === 0) this.findings.push(readFinding("file-empty", this.src.path, "the file has no data: every line is blank", { sheet: this.sheet }));
    return rows;
  }

  private fail(err: unknown): void {
    if (this.done) return;
    this.done = true;
    if (err instanceof MixedEncodingError) {
      const before = countBreaks(err.before, 0, err.before.length);
      const line = this.parser ? this.parser.lineAtEnd() + before : 1 + this.sampleBreaks() + before;
      this.findings.push(
        readFinding("encoding-invalid", this.src.path, `CSV line ${line}: bytes that are not UTF-8 (${err.bytes}) in a file that is otherwise UTF-8; the file mixes encodings. Save it again as "CSV UTF-8"`, this.at(line)),
      );
    } else {
      const f = findingOf(err, this.src.path);
      if (f.row !== undefined) f.sheet = this.sheet;
      this.findings.push(f);
    }
  }

  private at(line: number): { sheet: string; row: number } {
    return { sheet: this.sheet, row: line };
  }

  private reportGuess(): void {
    if (this.guessReported || !this.decoder.guessed) return;
    this.guessReported = true;
    this.findings.push(
      readFinding("encoding-guessed", this.src.path, 'the file is not UTF-8; it was read as Windows-1252 (Western European). Check accented names, or save the file as "CSV UTF-8"', {
        sheet: this.sheet,
        note: `first non-UTF-8 byte at offset ${fmt(this.decoder.guessed.byteOffset)}`,
      }),
    );
  }

  /** The chunk's bytes with NUL bytes counted and removed; a long run of them is an error. */
  private clean(bytes: Uint8Array, lineBase: () => number): Uint8Array {
    const nul = this.nul;
    if (bytes.indexOf(0) === -1) {
      nul.run = 0;
      return bytes;
    }
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== 0) {
        nul.run = 0;
        continue;
      }
      if (nul.count++ === 0) nul.firstLine = lineBase() + countBreaks(bytes, 0, i);
      if (++nul.run >= MAX_NUL_RUN) {
        const line = lineBase() + countBreaks(bytes, 0, i);
        throw new ReadProblem("read-failed", `CSV line ${line}: a run of ${MAX_NUL_RUN}+ NUL bytes: the file holds binary data or was not completely written (an interrupted copy or download)`, this.at(line));
      }
    }
    return bytes.filter((b) => b !== 0);
  }
}
