import type { Finding } from "../errors/finding.js";
import type { RawRow, RawSheet } from "../schema/table.js";
import { CsvDecoder, MixedEncodingError } from "./csv-decode.js";
import { sniffDialect } from "./csv-dialect.js";
import { CsvParser, countBreaks, type CsvRecord } from "./csv-parser.js";
import { mb, type ResolvedReadOptions } from "./options.js";
import { findingOf, fmt, readFinding, ReadProblem } from "./problem.js";
import { batchedRows } from "./row-stream.js";
import type { TextEncoding } from "./sniff.js";

/** Text read before the delimiter is chosen. */
const DIALECT_SAMPLE_CHARS = 64 * 1024;
/** Text handed to the parser at a time. */
const PIECE_CHARS = 64 * 1024;
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
}

/**
 * A CSV as one sheet whose rows stream from the file. Cells are text (`""` → null); rows that are
 * entirely blank are skipped; `row` is the physical line the record starts on. Problems are pushed
 * to `findings` as they are met; reading stops at the first error, after the rows before it.
 */
export function readCsvSheet(src: CsvSource, opts: ResolvedReadOptions, findings: Finding[]): RawSheet {
  const name = csvSheetName(src.path);
  const reader = new CsvRows(src, name, opts, findings);
  return { name, hidden: false, rows: batchedRows(() => reader.next(), () => reader.close()) };
}

/** The pull side of a CSV: each `next()` reads one chunk and returns the rows it completed. */
class CsvRows {
  private readonly decoder: CsvDecoder;
  private parser: CsvParser | undefined;
  private records: CsvRecord[] = [];
  private sample = "";
  /** Decoded text not parsed yet, and how far into it the parser is. */
  private text = "";
  private textAt = 0;
  private eof = false;
  private bytes = 0;
  private rows = 0;
  private done = false;
  private guessReported = false;
  private readonly nul = { count: 0, firstLine: 0, run: 0 };

  constructor(
    private readonly src: CsvSource,
    private readonly sheet: string,
    private readonly opts: ResolvedReadOptions,
    private readonly findings: Finding[],
  ) {
    this.decoder = new CsvDecoder(src.encoding);
  }

  async next(): Promise<RawRow[] | undefined> {
    if (this.done) return undefined;
    try {
      if (!this.parser) {
        this.eof = await this.start();
        this.text = this.sample;
        this.sample = "";
      }
      const p = this.parser!;
      if (this.textAt >= this.text.length && !this.eof) {
        const text = await this.nextText();
        if (text === undefined) {
          this.eof = true;
          this.text = this.decoder.decode(new Uint8Array(0), true);
        } else {
          this.reportGuess();
          this.text = this.clean(text, () => p.lineAtEnd());
        }
        this.textAt = 0;
      }
      // Parse a slice at a time: small batches die young, which keeps the garbage collector cheap.
      if (this.textAt < this.text.length) {
        const at = this.textAt;
        const piece = at === 0 && this.text.length <= PIECE_CHARS ? this.text : this.text.slice(at, at + PIECE_CHARS);
        this.textAt += PIECE_CHARS;
        p.push(piece, this.records);
        if (this.textAt < this.text.length || !this.eof) return this.take();
      }
      p.end(this.records);
      return this.takeLast();
    } catch (err) {
      // Rows completed before the problem are still handed out; then the sheet ends.
      const rows = this.take();
      this.fail(err);
      return rows;
    }
  }

  async close(): Promise<void> {
    this.done = true;
    this.records = [];
    await this.src.rest.return?.();
  }

  /** Read a sample, choose the dialect, make the parser; true when the sample is the whole file. */
  private async start(): Promise<boolean> {
    let eof = false;
    while (this.sample.length < DIALECT_SAMPLE_CHARS) {
      const t = await this.nextText();
      if (t === undefined) {
        eof = true;
        this.sample += this.decoder.decode(new Uint8Array(0), true);
        break;
      }
      this.sample += this.clean(t, () => 1 + countBreaks(this.sample, 0, this.sample.length));
    }
    const dialect = sniffDialect(this.sample, eof);
    if (dialect.sepLine) this.sample = this.sample.replace(/^sep=.\r?\n/i, "");
    this.reportGuess();
    this.parser = new CsvParser(dialect.delimiter, dialect.sepLine ? 2 : 1);
    return eof;
  }

  /** The next chunk as text (the sniffed head first), within the size limit. */
  private async nextText(): Promise<string | undefined> {
    const chunk = this.src.head.length ? this.src.head.shift() : (await this.src.rest.next()).value;
    if (!chunk) return undefined;
    this.bytes += chunk.length;
    if (this.bytes > mb(this.opts.limits.max_file_mb))
      throw new ReadProblem("file-too-large", `the file is larger than ${fmt(this.opts.limits.max_file_mb)} MB (limits.max_file_mb)`);
    return this.decoder.decode(chunk);
  }

  /** Rows of the parsed records, blank ones left out, within the row and column limits. */
  private take(): RawRow[] {
    const { max_rows, max_columns } = this.opts.limits;
    const out: RawRow[] = [];
    for (const r of this.records) {
      let filled = 0;
      for (const c of r.cells) if (c !== null) filled++;
      if (filled === 0) continue;
      if (filled > max_columns) {
        this.fail(
          new ReadProblem("sheet-too-large", `CSV line ${r.row} has ${fmt(filled)} filled cells; the limit is ${fmt(max_columns)} (limits.max_columns). Reading stopped there: the file is left incomplete`, this.at(r.row)),
        );
        break;
      }
      if (++this.rows > max_rows) {
        this.fail(new ReadProblem("sheet-too-large", `the file has more than ${fmt(max_rows)} rows (limits.max_rows); reading stopped at line ${r.row}: the rows read are incomplete`, this.at(r.row)));
        break;
      }
      out.push(r);
    }
    this.records = [];
    return out;
  }

  /** The last rows, then the end-of-file findings. */
  private takeLast(): RawRow[] {
    const rows = this.take();
    if (this.done) return rows; // a limit stopped the sheet
    this.done = true;
    const { nul } = this;
    if (nul.count > 0)
      this.findings.push(readFinding("nul-bytes", this.src.path, `${fmt(nul.count)} NUL byte${nul.count === 1 ? "" : "s"} removed (first on line ${nul.firstLine})`, this.at(nul.firstLine)));
    if (this.rows === 0) this.findings.push(readFinding("file-empty", this.src.path, "the file has no data: every line is blank", { sheet: this.sheet }));
    return rows;
  }

  private fail(err: unknown): void {
    if (this.done) return;
    this.done = true;
    if (err instanceof MixedEncodingError) {
      const before = countBreaks(err.before, 0, err.before.length);
      const line = this.parser ? this.parser.lineAtEnd() + before : 1 + countBreaks(this.sample, 0, this.sample.length) + before;
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

  /** The chunk's text with NUL bytes counted and removed; a long run of them is an error. */
  private clean(text: string, lineBase: () => number): string {
    const nul = this.nul;
    if (text.indexOf("\0") === -1) {
      nul.run = 0;
      return text;
    }
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) !== 0) {
        nul.run = 0;
        continue;
      }
      if (nul.count++ === 0) nul.firstLine = lineBase() + countBreaks(text, 0, i);
      if (++nul.run >= MAX_NUL_RUN) {
        const line = lineBase() + countBreaks(text, 0, i);
        throw new ReadProblem("read-failed", `CSV line ${line}: a run of ${MAX_NUL_RUN}+ NUL bytes: the file holds binary data or was not completely written (an interrupted copy or download)`, this.at(line));
      }
    }
    return text.replaceAll("\0", "");
  }
}
