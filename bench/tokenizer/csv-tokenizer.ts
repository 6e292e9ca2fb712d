/**
 * A fast, streaming RFC 4180 CSV tokenizer: bytes in, records of strings out, each with the
 * physical line it starts on (so findings can name `register.csv` line 12 even after quoted line
 * breaks). Chunks may split a record, a field, a `""` escape, a CRLF or a UTF-8 character anywhere.
 *
 * Why not csv-parse: on the benchmark's 1M-row file csv-parse takes ~9 s, this ~1 s (see
 * docs/performance.md). The speed comes from decoding each chunk once into a flat string and
 * scanning it with `charCodeAt` in one tight loop, slicing each field once; the parse state (mode,
 * the fields of the unfinished record, the unfinished field) carries across chunks, so nothing is
 * re-scanned and a huge quoted field costs linear time.
 *
 * It reads what real files hold, as the reader's own parser does, and flags what RFC 4180 forbids
 * instead of guessing silently (the reader decides whether a flagged record stops the file):
 * - spaces (and tabs, unless tab is the delimiter) before an opening or after a closing quote are
 *   dropped: `1, "a, b" ` gives `a, b`; an unquoted field keeps its spaces;
 * - a backslash before a quote that would otherwise close the field with text after it is an
 *   escaped quote (`"say \" hi"`, as MySQL and PHP write it); `"C:\dir\",2` stays RFC 4180;
 * - `quote-in-unquoted-field` (`12"`), `text-after-quote` (`"a"b`) and `unclosed-quote` are kept
 *   as text and flagged on the record; a blank line is a record with one empty field.
 */

/** Something RFC 4180 forbids that the tokenizer read anyway; the reader reports it (or stops). */
export interface CsvIssue {
  code: "unclosed-quote" | "text-after-quote" | "quote-in-unquoted-field";
  /** Physical 1-based line where it happened (for an unclosed quote: where the quote opened). */
  line: number;
  /** 0-based index of the field in its record. */
  field: number;
}

/** One record: its fields as text, the physical line it starts on, and the first odd thing in it. */
export interface CsvRecord {
  line: number;
  fields: string[];
  issue?: CsvIssue;
}

/** Options of {@link createCsvTokenizer}. */
export interface CsvTokenizerOptions {
  /** One character, not a quote or line break. Default `,`. */
  delimiter?: string;
  /**
   * How bytes become text: `utf-8` (default; a leading BOM is dropped, invalid bytes become U+FFFD)
   * or any WHATWG label such as `windows-1252` or `utf-16le`. Not used by `pushText`.
   */
  encoding?: string;
  /** The physical line number of the first text (2 when the caller dropped a `sep=;` line). Default 1. */
  firstLine?: number;
  /** Longest unfinished record, in characters, before `push` throws {@link CsvRecordTooLong}. Default: no limit. */
  maxRecordChars?: number;
}

/** A streaming tokenizer: push chunks, take the records they completed; `end()` flushes the last. */
export interface CsvTokenizer {
  push(chunk: Uint8Array): CsvRecord[];
  /** Push text that is already decoded (the caller sniffed and decoded the bytes itself). */
  pushText(text: string): CsvRecord[];
  end(): CsvRecord[];
  /** The physical line reached by all text pushed so far (for problems found outside the tokenizer). */
  lineAtEnd(): number;
}

/** Thrown when one record grows past `maxRecordChars` (most likely a quote never closed). */
export class CsvRecordTooLong extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`CSV line ${line}: one record is longer than ${limit} characters`);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;

// Parse modes, kept between chunks.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the next character says whether it escapes or closes. */
const QUOTE_SEEN = 3;
/** After a closing quote (and any blanks): a delimiter or line break should follow. */
const AFTER_QUOTE = 4;
/** A record ended on CR: a following LF belongs to it. */
const AFTER_CR = 5;
/** Blanks at the start of a field: an opening quote may follow. */
const LEADING_BLANKS = 6;

/**
 * Create a streaming CSV tokenizer.
 * @example
 * const t = createCsvTokenizer();
 * t.push(new TextEncoder().encode('a,"b\n""c"""\n1,2')); // [{ line: 1, fields: ["a", 'b\n"c"'] }]
 * t.end(); // [{ line: 3, fields: ["1", "2"] }]
 */
export function createCsvTokenizer(options: CsvTokenizerOptions = {}): CsvTokenizer {
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new RangeError(`delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`);
  }
  const delim = delimiter.charCodeAt(0);
  const tabIsBlank = delim !== TAB;
  const maxRecord = options.maxRecordChars ?? Infinity;
  const decode = createDecoder(options.encoding ?? "utf-8");

  let mode = FIELD_START;
  let fields: string[] = [];
  /** The unfinished field's text so far (quoted content is unescaped). */
  let pending = "";
  /** Blanks after a closing quote, kept until we know whether they matter. */
  let blanks = "";
  /** The physical line at the scan position, the line the current record started on, where its open quote opened. */
  let line = options.firstLine ?? 1;
  let recordLine = line;
  let quoteLine = line;
  /** Characters of the unfinished record seen in earlier chunks. */
  let recordChars = 0;
  /** Whether the last character counted inside a quoted field was CR (so a following LF is the same break). */
  let quotedCR = false;
  let issue: CsvIssue | undefined;

  function scan(s: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = s.length;
    // The state lives in locals while scanning (closure slots are slower in the hot loop).
    let i = 0;
    let m = mode;
    let row = fields;
    let text = pending;
    let ln = line;
    let start = recordLine;
    let recordFrom = 0;
    while (i < n) {
      switch (m) {
        case AFTER_CR:
          if (s.charCodeAt(i) === LF) i++;
          m = FIELD_START;
          break;
        case FIELD_START: {
          if (row.length === 0) {
            start = ln;
            recordFrom = i;
            recordChars = 0;
          }
          const c = s.charCodeAt(i);
          if (c === QUOTE) {
            m = QUOTED;
            quoteLine = ln;
            i++;
            break;
          }
          if (c === SPACE || (c === TAB && tabIsBlank)) {
            m = LEADING_BLANKS;
            break;
          }
          m = UNQUOTED;
        }
        // falls through: an unquoted field starts here
        case UNQUOTED: {
          // The hot loop: most fields of most files end here. Printable ASCII above the quote
          // (digits, letters, most punctuation) costs two comparisons.
          let j = i;
          let c = 0;
          for (; j < n; j++) {
            c = s.charCodeAt(j);
            if (c > QUOTE) {
              if (c === delim) break;
            } else if (c === delim || c === LF || c === CR) {
              break;
            } else if (c === QUOTE && issue === undefined) {
              issue = { code: "quote-in-unquoted-field", line: ln, field: row.length };
            }
          }
          if (j === n) {
            text += s.slice(i, n);
            i = n;
            break;
          }
          row.push(text === "" ? s.slice(i, j) : text + s.slice(i, j));
          text = "";
          i = j + 1;
          if (c === delim) {
            m = FIELD_START;
          } else {
            out.push(record(start, row));
            row = [];
            ln++;
            m = c === CR ? AFTER_CR : FIELD_START;
          }
          break;
        }
        case LEADING_BLANKS: {
          const c = s.charCodeAt(i);
          if (c === SPACE || (c === TAB && tabIsBlank)) {
            text += s[i];
            i++;
          } else if (c === QUOTE) {
            text = "";
            m = QUOTED;
            quoteLine = ln;
            i++;
          } else {
            m = UNQUOTED; // the blanks are the start of the field's text
          }
          break;
        }
        case QUOTED: {
          let q = s.indexOf('"', i);
          if (q < 0) q = n;
          ln += countBreaks(s, i, q);
          text += s.slice(i, q);
          i = q;
          if (q < n) {
            i++;
            m = QUOTE_SEEN;
            quotedCR = false; // a CR before this quote does not pair with an LF after it
          }
          break;
        }
        case QUOTE_SEEN:
          if (s.charCodeAt(i) === QUOTE) {
            text += '"';
            i++;
            m = QUOTED;
            break;
          }
          blanks = "";
          m = AFTER_QUOTE;
        // falls through: that quote closed the field (or is escaped by a backslash: see below)
        case AFTER_QUOTE: {
          const c = s.charCodeAt(i);
          if (c === delim || c === LF || c === CR) {
            row.push(text);
            text = "";
            i++;
            if (c === delim) {
              m = FIELD_START;
            } else {
              out.push(record(start, row));
              row = [];
              ln++;
              m = c === CR ? AFTER_CR : FIELD_START;
            }
          } else if (c === SPACE || (c === TAB && tabIsBlank)) {
            blanks += s[i];
            i++;
          } else if (text.charCodeAt(text.length - 1) === BACKSLASH) {
            // `"say \" hi"`: the quote was escaped by the backslash; the field goes on.
            text = text.slice(0, -1) + '"' + blanks;
            m = QUOTED;
          } else {
            // `"abc"def`: keep the text, say so, and read on as an unquoted field.
            issue ??= { code: "text-after-quote", line: ln, field: row.length };
            text += blanks;
            m = UNQUOTED;
          }
          break;
        }
      }
    }
    recordChars += n - recordFrom;
    mode = m;
    fields = row;
    pending = text;
    line = ln;
    recordLine = start;
    if (recordChars > maxRecord && (row.length > 0 || text !== "" || m !== FIELD_START)) throw new CsvRecordTooLong(start, maxRecord);
    return out;
  }

  /** A finished record, carrying the pending issue if there is one. */
  function record(start: number, row: string[]): CsvRecord {
    const r: CsvRecord = { line: start, fields: row };
    if (issue) {
      r.issue = issue;
      issue = undefined;
    }
    return r;
  }

  /** Count line breaks inside a quoted field (CRLF, LF and lone CR each count once). */
  function countBreaks(s: string, from: number, to: number): number {
    let breaks = 0;
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c === LF) {
        if (!quotedCR) breaks++;
        quotedCR = false;
      } else if (c === CR) {
        breaks++;
        quotedCR = true;
      } else {
        quotedCR = false;
      }
    }
    return breaks;
  }

  function finish(): CsvRecord[] {
    const out: CsvRecord[] = [];
    const tail = decode(undefined);
    if (tail) out.push(...scan(tail));
    switch (mode) {
      case QUOTED:
        issue ??= { code: "unclosed-quote", line: quoteLine, field: fields.length };
        fields.push(pending);
        out.push(record(recordLine, fields));
        break;
      case QUOTE_SEEN:
      case AFTER_QUOTE:
      case UNQUOTED:
      case LEADING_BLANKS:
        fields.push(pending);
        out.push(record(recordLine, fields));
        break;
      case FIELD_START:
        // `a,b,` at the very end: the record has a last, empty field.
        if (fields.length > 0) {
          fields.push("");
          out.push(record(recordLine, fields));
        }
        break;
    }
    fields = [];
    mode = FIELD_START;
    pending = "";
    return out;
  }

  return {
    push: (chunk) => scan(decode(chunk)),
    pushText: (text) => scan(text),
    end: finish,
    lineAtEnd: () => line,
  };
}

/**
 * Read a whole CSV text at once (tests, small files).
 * @example tokenizeCsvText("a,b\r\n1,2").map((r) => r.fields) // [["a", "b"], ["1", "2"]]
 */
export function tokenizeCsvText(text: string, options: Omit<CsvTokenizerOptions, "encoding"> = {}): CsvRecord[] {
  const t = createCsvTokenizer(options);
  return [...t.pushText(text), ...t.end()];
}

/**
 * Tokenize a stream of chunks, yielding the records each chunk completed (batches keep the
 * per-record cost of async iteration out of the hot path).
 * @example for await (const batch of tokenizeCsv(file.open())) for (const r of batch) use(r.line, r.fields);
 */
export async function* tokenizeCsv(chunks: AsyncIterable<Uint8Array>, options: CsvTokenizerOptions = {}): AsyncGenerator<CsvRecord[]> {
  const t = createCsvTokenizer(options);
  for await (const chunk of chunks) {
    const records = t.push(chunk);
    if (records.length > 0) yield records;
  }
  const last = t.end();
  if (last.length > 0) yield last;
}

// ── Decoding ─────────────────────────────────────────────────────────────────────────────────────

/** A streaming decoder: chunk → text; `undefined` flushes what is held back. */
type Decode = (chunk: Uint8Array | undefined) => string;

function createDecoder(encoding: string): Decode {
  const label = encoding.toLowerCase();
  if (label === "utf-8" || label === "utf8") return createUtf8Decoder();
  const decoder = new TextDecoder(label);
  return (chunk) => (chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode());
}

/**
 * UTF-8 through Buffer's native slice (several times faster than a streaming TextDecoder on large
 * files), holding back the bytes of a character split across chunks and dropping a leading BOM.
 */
function createUtf8Decoder(): Decode {
  let carry: Uint8Array | undefined;
  let first = true;
  return (chunk) => {
    if (!chunk) {
      const rest = carry ? asBuffer(carry).toString("utf8") : "";
      carry = undefined;
      return rest;
    }
    let bytes = asBuffer(chunk);
    if (carry) {
      bytes = Buffer.concat([carry, bytes]);
      carry = undefined;
    }
    const cut = completeLength(bytes);
    if (cut < bytes.length) carry = Uint8Array.prototype.slice.call(bytes, cut);
    let text = bytes.toString("utf8", 0, cut);
    // Until the first character has arrived whole (a BOM may come a byte at a time), keep looking.
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** The length of the longest prefix that does not end inside a UTF-8 character. */
function completeLength(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const byte = b[n - k]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (byte < 0x80) return n;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return need > k ? n - k : n;
  }
  return n;
}
