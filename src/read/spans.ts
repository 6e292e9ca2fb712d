import { isAscii } from "node:buffer";
import type { CellSpans, RawRow } from "../schema/table.js";

/**
 * A copy of `bytes[from, to)` in a buffer of its own. (Not `Buffer#slice`, which shares the memory:
 * a copy must survive its source being transferred to another thread.)
 */
export function copyBytes(bytes: Uint8Array, from = 0, to = bytes.length): Uint8Array {
  const out = new Uint8Array(Math.max(0, to - from));
  out.set(bytes.subarray(from, to));
  return out;
}

/** Chunks of bytes as one array (the chunk itself when there is one). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Bytes as a Buffer without copying, for its native text decoding. */
export function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/**
 * Collects parsed records as spans of one byte buffer (see `CellSpans`). A record is begun, given its
 * fields, then ended (kept unless every field is empty) or dropped (it was not complete). A batch
 * taken stays valid until the second `take` after it: its arrays are then written again.
 */
export class SpanWriter {
  private lines: Int32Array = new Int32Array(64);
  private spans: Int32Array = new Int32Array(64);
  private fields: Int32Array = new Int32Array(65);
  private starts: Int32Array = new Int32Array(512);
  private ends: Int32Array = new Int32Array(512);
  private texts: string[] = [];
  /** The arrays of the batch taken before the last one, to write into next. */
  private spare: { lines: Int32Array; spans: Int32Array; fields: Int32Array; starts: Int32Array; ends: Int32Array } | undefined;
  private count = 0;
  private nf = 0;
  private recordStart = 0;
  private textsStart = 0;
  private filled = 0;

  /** Records kept so far. */
  get size(): number {
    return this.count;
  }

  begin(): void {
    this.recordStart = this.nf;
    this.textsStart = this.texts.length;
    this.filled = 0;
  }

  /** A field that is `bytes[start, end)`. */
  field(start: number, end: number): void {
    if (this.nf === this.starts.length) this.growFields();
    this.starts[this.nf] = start;
    this.ends[this.nf++] = end;
    if (end > start) this.filled++;
  }

  /** A field whose text differs from its bytes (quotes were escaped inside it). */
  text(value: string): void {
    if (this.nf === this.starts.length) this.growFields();
    this.texts.push(value);
    this.starts[this.nf] = -this.texts.length;
    this.ends[this.nf++] = 0;
    if (value !== "") this.filled++;
  }

  /** The record is complete: keep it, unless all its fields are empty (a blank line). */
  end(line: number, lines: number): void {
    if (this.filled === 0) {
      this.drop();
      return;
    }
    if (this.count + 1 >= this.fields.length) this.growRecords();
    this.lines[this.count] = line;
    this.spans[this.count] = lines;
    this.fields[this.count++] = this.recordStart;
    this.fields[this.count] = this.nf;
  }

  /**
   * Records read by the CSV parser's fast lane (`PlainLane`), each one line long: `nf` fields
   * (`starts`, `ends`) and `n` records, record `i` on line `line + lines[i]` and ending before field
   * `fieldEnds[i]`. Blank records are already left out. Returns the number the first field got.
   */
  plain(starts: Int32Array, ends: Int32Array, nf: number, lines: Int32Array, fieldEnds: Int32Array, n: number, line: number): number {
    while (this.nf + nf > this.starts.length) this.growFields();
    while (this.count + n + 1 >= this.fields.length) this.growRecords();
    const f0 = this.nf;
    const c0 = this.count;
    if (nf > 32) {
      this.starts.set(starts.subarray(0, nf), f0);
      this.ends.set(ends.subarray(0, nf), f0);
    } else {
      // A few fields (a run cut short by a record the parser reads): copied without making two views,
      // which took the parser 22 → 39 ms on 400,000 records alternating plain and multi-line.
      for (let f = 0; f < nf; f++) {
        this.starts[f0 + f] = starts[f]!;
        this.ends[f0 + f] = ends[f]!;
      }
    }
    for (let i = 0; i < n; i++) {
      this.lines[c0 + i] = line + lines[i]!;
      this.spans[c0 + i] = 1;
      this.fields[c0 + i + 1] = f0 + fieldEnds[i]!;
    }
    this.count += n;
    this.nf += nf;
    return f0;
  }

  /** Field number `f`, written already, has the text `value` instead of its bytes (see `text`). */
  retext(f: number, value: string): void {
    this.texts.push(value);
    this.starts[f] = -this.texts.length;
    this.ends[f] = 0;
  }

  /** Forget the record begun last (it was incomplete). */
  drop(): void {
    this.nf = this.recordStart;
    this.texts.length = this.textsStart;
  }

  /** The records kept, over `bytes` (part of file chunk number `chunk`, when chunks are numbered); the writer starts afresh. */
  take(bytes: Uint8Array, chunk = -1): CellSpans {
    // A record begun but not ended (a problem stopped it) is not part of the batch.
    const nf = this.fields[this.count]!;
    const out: CellSpans = {
      bytes,
      count: this.count,
      lines: this.lines.subarray(0, this.count),
      spans: this.spans.subarray(0, this.count),
      fields: this.fields.subarray(0, this.count + 1),
      starts: this.starts.subarray(0, nf),
      ends: this.ends.subarray(0, nf),
      texts: this.texts,
      chunk,
    };
    // The arrays now belong to the batch handed out; the next records go into the other set, which
    // the batch before this one had (fresh memory is slow to touch, so two sets take turns).
    const handed = { lines: this.lines, spans: this.spans, fields: this.fields, starts: this.starts, ends: this.ends };
    const next = this.spare ?? { lines: new Int32Array(this.lines.length), spans: new Int32Array(this.spans.length), fields: new Int32Array(this.fields.length), starts: new Int32Array(this.starts.length), ends: new Int32Array(this.ends.length) };
    this.spare = handed;
    ({ lines: this.lines, spans: this.spans, fields: this.fields, starts: this.starts, ends: this.ends } = next);
    this.count = this.nf = this.recordStart = this.textsStart = 0;
    this.fields[0] = 0;
    this.texts = [];
    return out;
  }

  private growFields(): void {
    const n = this.starts.length * 2;
    this.starts = grow(this.starts, n);
    this.ends = grow(this.ends, n);
  }

  private growRecords(): void {
    const n = this.fields.length * 2;
    this.lines = grow(this.lines, n);
    this.spans = grow(this.spans, n);
    this.fields = grow(this.fields, n + 1);
  }
}

function grow(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/** The text of field `f` (null when empty), as the row-by-row reader gives it; `ascii` is the buffer as one string when it is ASCII. */
function fieldText(s: CellSpans, f: number, ascii: string | null): string | null {
  const start = s.starts[f]!;
  if (start < 0) return s.texts[-start - 1] || null;
  const end = s.ends[f]!;
  if (end <= start) return null;
  return ascii !== null ? ascii.slice(start, end) : decodeSpan(s.bytes, start, end);
}

// Most partner CSVs are plain ASCII: their cells are slices of one string made per buffer (Buffer's
// ASCII decoding is a copy, ~10x faster than UTF-8 decoding cell by cell).
const asciiTexts = new WeakMap<Uint8Array, string | null>();

function asciiText(bytes: Uint8Array): string | null {
  let t = asciiTexts.get(bytes);
  if (t === undefined) {
    t = isAscii(bytes) ? asBuffer(bytes).toString("ascii") : null;
    asciiTexts.set(bytes, t);
  }
  return t;
}

/** UTF-8 bytes `[start, end)` as text. */
export function decodeSpan(bytes: Uint8Array, start: number, end: number): string {
  return asBuffer(bytes).toString("utf8", start, end);
}

/** Record `r` of a span batch as a raw row of text cells. */
export function rawRowOf(s: CellSpans, r: number): RawRow {
  const from = s.fields[r]!;
  const to = s.fields[r + 1]!;
  const cells: (string | null)[] = new Array(to - from);
  const ascii = asciiText(s.bytes);
  for (let f = from; f < to; f++) cells[f - from] = fieldText(s, f, ascii);
  const lines = s.spans[r]!;
  return lines > 1 ? { row: s.lines[r]!, cells, lines } : { row: s.lines[r]!, cells };
}

/** The records of `s` from `from` on (a view: the arrays are shared). */
export function spansFrom(s: CellSpans, from: number): CellSpans {
  if (from === 0) return s;
  return { ...s, count: s.count - from, lines: s.lines.subarray(from), spans: s.spans.subarray(from), fields: s.fields.subarray(from) };
}

/** The first `count` records of `s` (a view). */
export function spansUpTo(s: CellSpans, count: number): CellSpans {
  return count >= s.count ? s : { ...s, count, lines: s.lines.subarray(0, count), spans: s.spans.subarray(0, count), fields: s.fields.subarray(0, count + 1) };
}

/** Non-empty fields of record `r`. */
export function filledFields(s: CellSpans, r: number): number {
  let n = 0;
  for (let f = s.fields[r]!, to = s.fields[r + 1]!; f < to; f++) {
    const start = s.starts[f]!;
    if (start < 0 ? s.texts[-start - 1] !== "" : s.ends[f]! > start) n++;
  }
  return n;
}
