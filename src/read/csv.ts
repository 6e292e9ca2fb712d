import type { Finding } from "../errors/finding.js";
import type { RawRow, RawSheet } from "../schema/table.js";
import { CsvDecoder, MixedEncodingError } from "./csv-decode.js";
import { sniffDialect } from "./csv-dialect.js";
import { CsvParser, countBreaks, type CsvRecord } from "./csv-parser.js";
import { mb, type ResolvedReadOptions } from "./options.js";
import { findingOf, fmt, readFinding, ReadProblem } from "./problem.js";
import type { TextEncoding } from "./sniff.js";

/** Text read before the delimiter is chosen. */
const DIALECT_SAMPLE_CHARS = 64 * 1024;
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
 * to `findings` as they are met; reading stops at the first error.
 */
export function readCsvSheet(src: CsvSource, opts: ResolvedReadOptions, findings: Finding[]): RawSheet {
  const name = csvSheetName(src.path);
  return { name, hidden: false, rows: csvRows(src, name, opts, findings) };
}

async function* csvRows(src: CsvSource, sheet: string, opts: ResolvedReadOptions, findings: Finding[]): AsyncGenerator<RawRow> {
  const { max_rows, max_columns, max_file_mb } = opts.limits;
  const decoder = new CsvDecoder(src.encoding);
  const nul = { count: 0, firstLine: 0, run: 0 };
  let parser: CsvParser | undefined;
  let bytes = 0;
  let rows = 0;
  let guessReported = false;
  const records: CsvRecord[] = [];
  const where = (line: number) => ({ sheet, row: line });

  // Text of the next chunk, with NUL bytes checked and removed.
  const clean = (text: string, lineBase: () => number): string => {
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
        throw new ReadProblem("read-failed", `CSV line ${line}: a run of ${MAX_NUL_RUN}+ NUL bytes: the file holds binary data or was not completely written (an interrupted copy or download)`, where(line));
      }
    }
    return text.replaceAll("\0", "");
  };

  const nextText = async (): Promise<string | undefined> => {
    const chunk = src.head.length ? src.head.shift() : (await src.rest.next()).value;
    if (!chunk) return undefined;
    bytes += chunk.length;
    if (bytes > mb(max_file_mb)) throw new ReadProblem("file-too-large", `the file is larger than ${fmt(max_file_mb)} MB (limits.max_file_mb)`);
    return decoder.decode(chunk);
  };

  function* emit(): Generator<RawRow> {
    for (const r of records) {
      let filled = 0;
      const cells = r.fields.map((f) => (f === "" ? null : (filled++, f)));
      if (filled === 0) continue;
      if (filled > max_columns)
        throw new ReadProblem("sheet-too-large", `CSV line ${r.line} has ${fmt(filled)} filled cells; the limit is ${fmt(max_columns)} (limits.max_columns). Reading stopped there: the file is left incomplete`, where(r.line));
      if (++rows > max_rows)
        throw new ReadProblem("sheet-too-large", `the file has more than ${fmt(max_rows)} rows (limits.max_rows); reading stopped at line ${r.line}: the rows read are incomplete`, where(r.line));
      yield { row: r.line, cells };
    }
    records.length = 0;
  }

  const reportGuess = (): void => {
    if (guessReported || !decoder.guessed) return;
    guessReported = true;
    findings.push(
      readFinding("encoding-guessed", src.path, "the file is not UTF-8; it was read as Windows-1252 (Western European). Check accented names, or save the file as \"CSV UTF-8\"", {
        sheet,
        note: `first non-UTF-8 byte at offset ${fmt(decoder.guessed.byteOffset)}`,
      }),
    );
  };

  let sample = "";
  try {
    // ── Sample the start to choose the delimiter ──
    let eof = false;
    while (sample.length < DIALECT_SAMPLE_CHARS) {
      const t = await nextText();
      if (t === undefined) {
        eof = true;
        sample += decoder.decode(new Uint8Array(0), true);
        break;
      }
      sample += clean(t, () => 1 + countBreaks(sample, 0, sample.length));
    }
    const dialect = sniffDialect(sample, eof);
    let text = sample;
    let first = 1;
    if (dialect.sepLine) {
      text = sample.replace(/^sep=.\r?\n/i, "");
      first = 2;
    }
    const p = new CsvParser(dialect.delimiter, first);
    parser = p;
    reportGuess();

    // ── Stream the rest ──
    p.push(text, records);
    yield* emit();
    while (!eof) {
      const t = await nextText();
      if (t === undefined) {
        eof = true;
        p.push(decoder.decode(new Uint8Array(0), true), records);
        break;
      }
      reportGuess();
      p.push(clean(t, () => p.lineAtEnd()), records);
      yield* emit();
    }
    p.end(records);
    yield* emit();
    if (nul.count > 0)
      findings.push(readFinding("nul-bytes", src.path, `${fmt(nul.count)} NUL byte${nul.count === 1 ? "" : "s"} removed (first on line ${nul.firstLine})`, where(nul.firstLine)));
    if (rows === 0) findings.push(readFinding("file-empty", src.path, "the file has no data: every line is blank", { sheet }));
  } catch (err) {
    if (err instanceof MixedEncodingError) {
      const before = countBreaks(err.before, 0, err.before.length);
      const line = parser ? parser.lineAtEnd() + before : 1 + countBreaks(sample, 0, sample.length) + before;
      findings.push(
        readFinding("encoding-invalid", src.path, `CSV line ${line}: bytes that are not UTF-8 (${err.bytes}) in a file that is otherwise UTF-8; the file mixes encodings. Save it again as "CSV UTF-8"`, where(line)),
      );
    } else findings.push(findingOf(err, src.path));
  } finally {
    await src.rest.return?.();
  }
}
