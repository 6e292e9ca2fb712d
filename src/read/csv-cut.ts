import { asBuffer } from "./spans.js";

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Where whole records end in UTF-8 CSV bytes that start at a record boundary: just after the last
 * line break outside quotes, or -1 when there is none (the bytes are one unfinished record). A line
 * break ends a record exactly when an even number of quote characters precede it (RFC 4180: `""`
 * inside a quoted field adds two). A CR at the very end is not taken unless `final`: an LF may follow.
 * (A backslash-escaped quote, which the parser also reads, upsets the count; a cut misplaced by it
 * leaves a record unclosed at the end of its segment, which the parser reports, and the caller then
 * reads on record by record.)
 * @example lastRecordEnd(bytes('a,b\n"x\ny",2\n3'), false) // 12
 */
export function lastRecordEnd(bytes: Uint8Array, final: boolean): number {
  const b = asBuffer(bytes);
  let quotes = 0;
  for (let q = b.indexOf(QUOTE, 0); q >= 0; q = b.indexOf(QUOTE, q + 1)) quotes++;
  // From the last break backwards: a break is outside quotes when the quotes before it are even.
  let at = b.length;
  let after = 0;
  for (;;) {
    const brk = lastBreak(b, at);
    if (brk < 0) return -1;
    for (let q = b.indexOf(QUOTE, brk); q >= 0 && q < at; q = b.indexOf(QUOTE, q + 1)) after++;
    const crAtEnd = b[brk] === CR && brk + 1 >= b.length && !final;
    if (((quotes - after) & 1) === 0 && !crAtEnd) return b[brk] === CR && b[brk + 1] === LF ? brk + 2 : brk + 1;
    at = brk;
  }
}

/** The position of the last line-break byte (LF or CR) before `at`, or -1; for a CRLF, its CR. */
function lastBreak(b: Buffer, at: number): number {
  if (at <= 0) return -1;
  const lf = b.lastIndexOf(LF, at - 1);
  const cr = b.lastIndexOf(CR, at - 1);
  if (lf > cr) return cr === lf - 1 ? cr : lf;
  return cr;
}

/**
 * Line breaks (LF, CRLF or a lone CR, as the parser counts lines) in `bytes[0, end)`, by native
 * `indexOf` jumps: a few milliseconds for a few megabytes.
 */
export function countLineBreaks(bytes: Uint8Array, end: number): number {
  const b = asBuffer(bytes);
  let n = 0;
  for (let i = b.indexOf(LF, 0); i >= 0 && i < end; i = b.indexOf(LF, i + 1)) n++;
  for (let i = b.indexOf(CR, 0); i >= 0 && i < end; i = b.indexOf(CR, i + 1)) if (i + 1 >= end || b[i + 1] !== LF) n++;
  return n;
}
