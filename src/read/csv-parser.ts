import { ByteDictionary } from "./byte-dictionary.js";
import { PlainLane } from "./csv-plain.js";
import { ReadProblem, fmt } from "./problem.js";
import { decodeSpan, type SpanWriter } from "./spans.js";

const QUOTE = 34; // "
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;

/** Bytes of new input copied after the start of a record split between two inputs, at first. */
const BOUNDARY_BYTES = 4096;
/** Longest unfinished record kept in memory while waiting for more bytes. */
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

/**
 * A small streaming CSV tokenizer (RFC 4180 plus the leniencies real files need), fed UTF-8 bytes and
 * writing each record as byte spans (`SpanWriter`), so its cells need not become strings.
 *
 * - Line breaks are LF, CRLF or CR alone; a record's line counts every physical line before it,
 *   including line breaks inside quoted fields, so findings point at the line an editor shows.
 * - Quoted fields may be preceded and followed by spaces (`1, "a"`); `""` inside quotes is a quote.
 *   A backslash before a quote that would otherwise end the field with text after it (`"a \" b"`)
 *   is read as an escaped quote, as MySQL and PHP exports write it.
 * - A quote inside an unquoted field, text after a closing quote, and a quote that is never closed
 *   are errors naming the line, never guessed at.
 * - Records whose fields are all empty (blank lines, `,,,`) are left out.
 *
 * Unquoted fields are scanned with one table-driven byte loop; quoted fields jump from quote to quote
 * with `indexOf`. Multi-byte UTF-8 characters never contain an ASCII byte, so the scan needs no
 * decoding. A record split across chunks is re-read from its start when the next chunk arrives
 * (bounded by the record's length).
 */
/** At most this many records are read by the parser's own loop between two tries of the fast lane. */
const LANE_MAX_WAIT = 256;
/** Texts with doubled quotes up to this many bytes are remembered (`undoubled`). */
const UNDOUBLED_MEMO_BYTES = 256;

export class CsvParser {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** Physical line on which the next record starts. */
  line: number;
  /** 1 for the bytes that end an unquoted field: the delimiter, CR, LF and the quote. */
  private readonly stops = new Uint8Array(256);
  private readonly delim: number;
  /** The highest stop byte. */
  private readonly high: number;
  /** Room for a field's bytes with its doubled quotes undone (`undoubled`): a Buffer, so decoding it makes no view. */
  private scratch: Uint8Array = Buffer.allocUnsafeSlow(256);

  /** Reads the plain records, where WebAssembly can (see `PlainLane`); the loop below reads the others. */
  private readonly lane: PlainLane | undefined;
  /**
   * Records to read with the loop before asking the lane again, and how many times running it has
   * read nothing: in a file whose records are seldom plain, the lane is asked less and less often.
   */
  private laneWait = 0;
  private laneMisses = 0;

  /** `fastLane: false` reads every record with the parser's own loop (for tests comparing the two). */
  constructor(delimiter: string, firstLine = 1, fastLane = true) {
    this.line = firstLine;
    this.delim = delimiter.charCodeAt(0);
    this.lane = fastLane ? PlainLane.for(this.delim) : undefined;
    for (const c of [this.delim, CR, LF, QUOTE]) this.stops[c] = 1;
    this.high = Math.max(this.delim, CR, LF, QUOTE);
  }

  /**
   * Add bytes; complete records are written to `out`. Returns the buffer the spans written point into.
   * A record begun in the previous bytes is read from a small buffer of its start and the head of
   * these bytes, whose records `flush(buffer)` must take from `out` before the rest are written: the
   * rest are read where they are, never copied.
   */
  push(bytes: Uint8Array, out: SpanWriter, flush: (buffer: Uint8Array) => void): Uint8Array {
    let from = 0;
    const rest = this.buf.subarray(this.pos);
    if (rest.length > 0) {
      for (let head = Math.min(bytes.length, BOUNDARY_BYTES); ; head = Math.min(bytes.length, head * 2)) {
        // Every byte is written at once: no need to zero it first. (Never from Buffer's shared pool:
        // text cells read later point into it, and must not see the pool's next user.)
        const b = Buffer.allocUnsafeSlow(rest.length + head);
        b.set(rest);
        b.set(bytes.subarray(0, head), rest.length);
        this.buf = b;
        this.pos = 0;
        // The bytes left over hold no whole record: once one is read here, the split record is done.
        this.parse(false, out);
        if (this.pos > 0) {
          flush(b);
          from = this.pos - rest.length;
          break;
        }
        if (head === bytes.length) {
          // Still one unfinished record: all of it waits for more bytes.
          this.checkPending();
          return this.buf;
        }
      }
    }
    this.buf = bytes;
    this.pos = from;
    this.parse(false, out);
    this.checkPending();
    return this.buf;
  }

  /**
   * The text of `b[from, to)`, whose quotes all come in pairs (`""`), with each pair read as one quote:
   * the bytes copied without the second quote of each pair, then decoded once (a regular expression
   * over the text cost ~0.5 µs a field), or found among the texts met before.
   */
  private undoubled(b: Uint8Array, from: number, to: number): string {
    if (this.scratch.length < to - from) this.scratch = Buffer.allocUnsafeSlow(Math.max(to - from, this.scratch.length * 2));
    const out = this.scratch;
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = b[i]!;
      out[n++] = c;
      if (c === QUOTE) i++;
    }
    // The same quoted text repeats down a column (a name with a nickname in quotes): a short one is
    // made into a string once.
    if (n > UNDOUBLED_MEMO_BYTES) return decodeSpan(out, 0, n);
    const known = this.undoubledTexts.find(out, 0, n);
    if (known >= 0) return this.undoubledList[known]!;
    const text = decodeSpan(out, 0, n);
    if (this.undoubledTexts.add(out, 0, n) >= 0) this.undoubledList.push(text);
    return text;
  }
  /** `undoubled` over the buffer being parsed, for the fast lane. */
  private readonly undoubleIn = (from: number, to: number): string => this.undoubled(this.buf, from, to);
  /** Short texts with doubled quotes met so far (at most 1,024), by their undoubled bytes. */
  private readonly undoubledTexts = new ByteDictionary(1024);
  private readonly undoubledList: string[] = [];

  private checkPending(): void {
    if (this.buf.length - this.pos > MAX_PENDING_BYTES)
      throw new ReadProblem("read-failed", `CSV line ${this.line}: one record is longer than ${fmt(MAX_PENDING_BYTES)} bytes; most likely a quote that is never closed`, {
        row: this.line,
      });
  }

  /** The input has ended: write the last record (a file need not end with a line break). Returns the buffer, as `push`. */
  end(out: SpanWriter): Uint8Array {
    const b = this.buf;
    this.parse(true, out);
    this.buf = new Uint8Array(0);
    this.pos = 0;
    return b;
  }

  /** The bytes the spans written last point into. */
  get buffer(): Uint8Array {
    return this.buf;
  }

  /** The physical line reached by all bytes pushed so far (for errors found outside the parser). */
  lineAtEnd(): number {
    return this.line + countBreaks(this.buf, this.pos, this.buf.length);
  }

  private parse(final: boolean, out: SpanWriter): void {
    const b = this.buf;
    const len = b.length;
    const delim = this.delim;
    const stops = this.stops;
    const high = this.high;
    const tabBlank = delim !== TAB;
    const lane = this.lane;
    lane?.reset(b);
    while (this.pos < len) {
      if (lane && --this.laneWait < 0) {
        const p = lane.take(this.pos, this.line, out, this.undoubleIn);
        if (p > this.pos) {
          this.laneMisses = 0;
          this.line += lane.passed;
          this.pos = p;
          if (p >= len) break;
        } else this.laneWait = this.laneMisses = Math.min(LANE_MAX_WAIT, this.laneMisses * 2 + 1);
      }
      const start = this.pos;
      const line = this.line;
      let breaks = 0;
      let p = start;
      let complete = false;
      out.begin();
      for (;;) {
        // ── One field starting at p ──
        let q = p;
        for (let c = b[q]; c === SPACE || (c === TAB && tabBlank); c = b[++q]);
        if (q >= len && !final) break;
        if (q < len && b[q] === QUOTE) {
          // Quoted field: a span when it has no escaped quote, else its text. Doubled quotes alone
          // (`""`, the common escape) are undone once, on the whole field's text, at its end.
          let parts: string | undefined;
          let doubled = false;
          let from = q + 1;
          let end = -1;
          for (;;) {
            const k = b.indexOf(QUOTE, from);
            if (k === -1) {
              if (!final) break;
              throw new ReadProblem("read-failed", `CSV line ${line + breaks}: a quoted field opened here is never closed (a missing closing quote)`, { row: line + breaks });
            }
            if (k + 1 >= len && !final) break;
            if (k + 1 < len && b[k + 1] === QUOTE) {
              if (parts === undefined) doubled = true;
              else parts += decodeSpan(b, from, k + 1);
              from = k + 2;
              continue;
            }
            let m = k + 1;
            for (let c = b[m]; c === SPACE || (c === TAB && tabBlank); c = b[++m]);
            if (m >= len && !final) break;
            const c = m < len ? b[m]! : -1;
            if (c === -1 || c === delim || c === CR || c === LF) {
              if (parts !== undefined) out.text(parts + decodeSpan(b, from, k));
              else if (doubled) out.text(this.undoubled(b, q + 1, k));
              else out.field(q + 1, k);
              breaks += countBreaks(b, q, k);
              end = m;
              break;
            }
            if (b[k - 1] === BACKSLASH && k - 1 >= from) {
              parts = (parts ?? (doubled ? this.undoubled(b, q + 1, from) : "")) + decodeSpan(b, from, k - 1) + '"';
              from = k + 1;
              continue;
            }
            const l = line + breaks + countBreaks(b, q, k);
            throw new ReadProblem("read-failed", `CSV line ${l}: text after a closing quote (${excerpt(b, q, m + 1)}): a quoted field must end at the delimiter`, { row: l });
          }
          if (end === -1) break; // need more bytes
          p = end;
        } else {
          // Unquoted field: up to the next delimiter or line break (the hot loop of most files).
          let j = p;
          for (; j < len; j++) {
            const c = b[j]!;
            // Bytes above every stop byte (digits and letters, for a comma; all of UTF-8's multi-byte ones) need no table.
            if (c > high) continue;
            if (stops[c] !== 0) break;
          }
          if (j < len && b[j] === QUOTE) {
            const l = line + breaks;
            let stop = j;
            while (stop < len && !isEnd(b[stop]!, delim)) stop++;
            throw new ReadProblem(
              "read-failed",
              `CSV line ${l}: a quote inside an unquoted field (${excerpt(b, p, stop)}): put the whole field in quotes and double the quotes inside it`,
              { row: l },
            );
          }
          if (j >= len && !final) break;
          out.field(p, j);
          p = j;
        }
        // ── After the field: a delimiter, a line break or the end ──
        if (p >= len) {
          if (!final) break;
          complete = true;
          break;
        }
        const c = b[p];
        if (c === delim) {
          p++;
          if (p >= len) {
            if (!final) break;
            out.field(p, p);
            complete = true;
            break;
          }
          continue;
        }
        if (c === CR) {
          if (p + 1 >= len && !final) break;
          p += p + 1 < len && b[p + 1] === LF ? 2 : 1;
        } else p++; // LF
        complete = true;
        break;
      }
      if (!complete) {
        out.drop();
        this.pos = start;
        return;
      }
      out.end(line, breaks + 1);
      this.line = line + breaks + 1;
      this.pos = p;
    }
  }
}

const isEnd = (c: number, delim: number): boolean => c === delim || c === LF || c === CR;

/** Line breaks (LF, CRLF or a lone CR) in `b[from, to)`. */
export function countBreaks(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === LF) n++;
    else if (c === CR && (i + 1 >= to || b[i + 1] !== LF)) n++;
  }
  return n;
}

function excerpt(b: Uint8Array, from: number, to: number): string {
  const chars = [...decodeSpan(b, from, Math.min(to, from + 160))];
  const t = chars.slice(0, 40).join("").replace(/[\r\n]+/g, " ");
  return `\`${t}${chars.length > 40 || to - from > 160 ? "…" : ""}\``;
}
