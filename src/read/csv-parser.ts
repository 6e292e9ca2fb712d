import { ReadProblem, fmt } from "./problem.js";

/**
 * One CSV record, shaped as a raw row: the physical line it starts on (1-based) and its fields as
 * written (quotes removed), an empty field being null.
 */
export interface CsvRecord {
  row: number;
  cells: (string | null)[];
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;

/** Longest unfinished record kept in memory while waiting for more text. */
const MAX_PENDING_CHARS = 64 * 1024 * 1024;

/**
 * A small streaming CSV tokenizer (RFC 4180 plus the leniencies real files need), fed decoded text.
 *
 * - Line breaks are LF, CRLF or CR alone; a record's `line` counts every physical line before it,
 *   including line breaks inside quoted fields, so findings point at the line an editor shows.
 * - Quoted fields may be preceded and followed by spaces (`1, "a"`); `""` inside quotes is a quote.
 *   A backslash before a quote that would otherwise end the field with text after it (`"a \" b"`)
 *   is read as an escaped quote, as MySQL and PHP exports write it.
 * - A quote inside an unquoted field, text after a closing quote, and a quote that is never closed
 *   are errors naming the line, never guessed at.
 *
 * Unquoted fields are scanned with one `charCodeAt` loop and sliced once; quoted fields jump from
 * quote to quote with `indexOf`. A record split across chunks is re-read from its start when the
 * next chunk arrives (bounded by the record's length).
 */
export class CsvParser {
  private buf = "";
  private pos = 0;
  /** Physical line on which the next record starts. */
  line: number;

  constructor(
    private readonly delimiter: string,
    firstLine = 1,
  ) {
    this.line = firstLine;
  }

  /** Add text; complete records are appended to `out`. */
  push(text: string, out: CsvRecord[]): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.parse(false, out);
    if (this.buf.length - this.pos > MAX_PENDING_CHARS)
      throw new ReadProblem("read-failed", `CSV line ${this.line}: one record is longer than ${fmt(MAX_PENDING_CHARS)} characters; most likely a quote that is never closed`, {
        row: this.line,
      });
  }

  /** The input has ended: emit the last record (a file need not end with a line break). */
  end(out: CsvRecord[]): void {
    this.parse(true, out);
    this.buf = "";
    this.pos = 0;
  }

  /** The physical line reached by all text pushed so far (for errors found outside the parser). */
  lineAtEnd(): number {
    return this.line + countBreaks(this.buf, this.pos, this.buf.length);
  }

  private parse(final: boolean, out: CsvRecord[]): void {
    const b = this.buf;
    const len = b.length;
    const delim = this.delimiter.charCodeAt(0);
    const tabBlank = delim !== TAB;
    while (this.pos < len) {
      const start = this.pos;
      const line = this.line;
      let breaks = 0;
      const fields: (string | null)[] = [];
      let p = start;
      let complete = false;
      for (;;) {
        // ── One field starting at p ──
        let q = p;
        for (let c = b.charCodeAt(q); c === SPACE || (c === TAB && tabBlank); c = b.charCodeAt(++q));
        if (q >= len && !final) break;
        if (q < len && b.charCodeAt(q) === QUOTE) {
          // Quoted field.
          let value = "";
          let from = q + 1;
          let end = -1;
          for (;;) {
            const k = b.indexOf('"', from);
            if (k === -1) {
              if (!final) break;
              throw new ReadProblem("read-failed", `CSV line ${line + breaks}: a quoted field opened here is never closed (a missing closing quote)`, { row: line + breaks });
            }
            if (k + 1 >= len && !final) break;
            if (k + 1 < len && b.charCodeAt(k + 1) === QUOTE) {
              value += b.slice(from, k + 1);
              from = k + 2;
              continue;
            }
            let m = k + 1;
            for (let c = b.charCodeAt(m); c === SPACE || (c === TAB && tabBlank); c = b.charCodeAt(++m));
            if (m >= len && !final) break;
            const c = m < len ? b.charCodeAt(m) : -1;
            if (c === -1 || c === delim || c === CR || c === LF) {
              value += b.slice(from, k);
              breaks += countBreaks(b, q, k);
              end = m;
              break;
            }
            if (b.charCodeAt(k - 1) === BACKSLASH && k - 1 >= from) {
              value += b.slice(from, k - 1) + '"';
              from = k + 1;
              continue;
            }
            const l = line + breaks + countBreaks(b, q, k);
            throw new ReadProblem("read-failed", `CSV line ${l}: text after a closing quote (${excerpt(b, q, m + 1)}): a quoted field must end at the delimiter`, { row: l });
          }
          if (end === -1) break; // need more text
          fields.push(value === "" ? null : value);
          p = end;
        } else {
          // Unquoted field: up to the next delimiter or line break (the hot loop of most files).
          let j = p;
          let c = 0;
          while (j < len) {
            c = b.charCodeAt(j);
            if (c === delim || c === LF || c === CR || c === QUOTE) break;
            j++;
          }
          if (j < len && c === QUOTE) {
            const l = line + breaks;
            let stop = j;
            while (stop < len && !isEnd(b.charCodeAt(stop), delim)) stop++;
            throw new ReadProblem(
              "read-failed",
              `CSV line ${l}: a quote inside an unquoted field (${excerpt(b, p, stop)}): put the whole field in quotes and double the quotes inside it`,
              { row: l },
            );
          }
          if (j >= len && !final) break;
          fields.push(j === p ? null : b.slice(p, j));
          p = j;
        }
        // ── After the field: a delimiter, a line break or the end ──
        if (p >= len) {
          if (!final) break;
          complete = true;
          break;
        }
        const c = b.charCodeAt(p);
        if (c === delim) {
          p++;
          if (p >= len) {
            if (!final) break;
            fields.push(null);
            complete = true;
            break;
          }
          continue;
        }
        if (c === CR) {
          if (p + 1 >= len && !final) break;
          p += p + 1 < len && b.charCodeAt(p + 1) === LF ? 2 : 1;
        } else p++; // LF
        complete = true;
        break;
      }
      if (!complete) {
        this.pos = start;
        return;
      }
      out.push({ row: line, cells: fields });
      this.line = line + breaks + 1;
      this.pos = p;
    }
  }
}

const isEnd = (c: number, delim: number): boolean => c === delim || c === LF || c === CR;

/** Line breaks (LF, CRLF or a lone CR) in `s[from, to)`. */
export function countBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && (i + 1 >= to || s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

function excerpt(s: string, from: number, to: number): string {
  const t = s.slice(from, Math.min(to, from + 40)).replace(/[\r\n]+/g, " ");
  return `\`${t}${to - from > 40 ? "…" : ""}\``;
}
