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
 * Lenient where files are sloppy, as Excel and Python's csv are: a quote inside an unquoted field
 * is kept as text; text after a closing quote is kept and flagged (`text-after-quote`); a quote
 * left open at the end of the file closes there and is flagged (`unclosed-quote`). Rows may have
 * any number of fields. A blank line is a record with one empty field.
 */

/** Something the tokenizer tolerated but the reader should report. */
export interface CsvIssue {
  code: "unclosed-quote" | "text-after-quote";
  /** Physical 1-based line where it happened. */
  line: number;
  /** 0-based index of the field in its record. */
  field: number;
}

/** One record: its fields as text, the physical line it starts on, and what was odd about it. */
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
   * or any WHATWG label such as `windows-1252` or `utf-16le`.
   */
  encoding?: string;
}

/** A streaming tokenizer: push chunks, take the records they completed; `end()` flushes the last. */
export interface CsvTokenizer {
  push(chunk: Uint8Array): CsvRecord[];
  /** Push text that is already decoded (the caller sniffed the encoding itself). */
  pushText(text: string): CsvRecord[];
  end(): CsvRecord[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

// Parse modes, kept between chunks.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the next character says whether it escapes or closes. */
const QUOTE_SEEN = 3;
/** After a closing quote: a delimiter or line break must follow. */
const AFTER_QUOTE = 4;
/** A record ended on CR: a following LF belongs to it. */
const AFTER_CR = 5;

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
  const decode = createDecoder(options.encoding ?? "utf-8");

  let mode = FIELD_START;
  let fields: string[] = [];
  /** The unfinished field's text so far (quoted content is unescaped). */
  let pending = "";
  /** The physical line at the scan position, and the line the current record started on. */
  let line = 1;
  let recordLine = 1;
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
    while (i < n) {
      switch (m) {
        case AFTER_CR:
          if (s.charCodeAt(i) === LF) i++;
          m = FIELD_START;
          break;
        case FIELD_START:
          if (row.length === 0) start = ln;
          if (s.charCodeAt(i) === QUOTE) {
            m = QUOTED;
            i++;
            break;
          }
          m = UNQUOTED;
        // falls through: an unquoted field starts here
        case UNQUOTED: {
          // The hot loop: most fields of most files end here.
          let j = i;
          let c = 0;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === delim || c === LF || c === CR) break;
            j++;
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
        case QUOTED: {
          let q = s.indexOf('"', i);
          if (q < 0) q = n;
          ln += countBreaks(s, i, q);
          text += s.slice(i, q);
          i = q;
          if (q < n) {
            i++;
            m = QUOTE_SEEN;
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
          m = AFTER_QUOTE;
        // falls through: that quote closed the field
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
          } else {
            // `"abc"def`: keep the text, say so, and read on as an unquoted field.
            issue ??= { code: "text-after-quote", line: ln, field: row.length };
            m = UNQUOTED;
          }
          break;
        }
      }
    }
    mode = m;
    fields = row;
    pending = text;
    line = ln;
    recordLine = start;
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
        issue ??= { code: "unclosed-quote", line: recordLine, field: fields.length };
        fields.push(pending);
        out.push(record(recordLine, fields));
        break;
      case QUOTE_SEEN:
      case AFTER_QUOTE:
      case UNQUOTED:
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
