import { asBuffer } from "./spans.js";

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A place in a list of byte pieces: piece `piece`, before its byte `at`. */
export interface Cut {
  piece: number;
  at: number;
}

/**
 * Where whole records end in UTF-8 CSV bytes (given as pieces, in order) that start at a record
 * boundary: just after the last line break outside quotes, or undefined when there is none (the bytes
 * are one unfinished record). A line break ends a record exactly when an even number of quote
 * characters precede it (RFC 4180: `""` inside a quoted field adds two); quotes are counted with
 * native `indexOf` jumps. A CRLF is never split, and a CR at the very end is not taken unless `final`:
 * an LF may follow. (A backslash-escaped quote, which the parser also reads, upsets the count; a cut
 * misplaced by it leaves a record unclosed at the end of its segment, which the parser reports.)
 * @example lastRecordEnd([bytes('a,b\n"x\ny",2\n3')], false) // { piece: 0, at: 12 }
 */
export function lastRecordEnd(pieces: readonly Uint8Array[], final: boolean): Cut | undefined {
  let quotes = 0;
  for (const p of pieces) quotes += countByte(asBuffer(p), QUOTE, 0, p.length);
  let after = 0;
  for (let j = pieces.length - 1; j >= 0; j--) {
    const b = asBuffer(pieces[j]!);
    let at = b.length;
    for (;;) {
      const brk = lastBreak(b, at);
      after += countByte(b, QUOTE, Math.max(brk, 0), at);
      if (brk < 0) break;
      const atEnd = brk + 1 >= b.length;
      const cr = b[brk] === CR;
      const next = atEnd ? nextPiece(pieces, j) : -1;
      const crlf = cr && (atEnd ? next >= 0 && pieces[next]![0] === LF : b[brk + 1] === LF);
      const waiting = cr && !crlf && atEnd && next < 0 && !final;
      if (((quotes - after) & 1) === 0 && !waiting) {
        if (crlf && atEnd) return { piece: next, at: 1 };
        return { piece: j, at: brk + (crlf ? 2 : 1) };
      }
      at = brk;
    }
  }
  return undefined;
}

/** The first non-empty piece after piece `j`, or -1. */
function nextPiece(pieces: readonly Uint8Array[], j: number): number {
  for (let k = j + 1; k < pieces.length; k++) if (pieces[k]!.length > 0) return k;
  return -1;
}

/** The position of the last line-break byte (LF or CR) before `at`, or -1; for a CRLF, its CR. */
function lastBreak(b: Buffer, at: number): number {
  if (at <= 0) return -1;
  const lf = b.lastIndexOf(LF, at - 1);
  const cr = b.lastIndexOf(CR, at - 1);
  if (lf > cr) return cr >= 0 && cr === lf - 1 ? cr : lf;
  return cr;
}

/**
 * Line breaks (LF, CRLF or a lone CR, as the parser counts lines) in the pieces up to `cut` (all of
 * them when not given), by native `indexOf` jumps: a few milliseconds for a few megabytes.
 */
export function countLineBreaks(pieces: readonly Uint8Array[], cut?: Cut): number {
  const last = cut ? cut.piece : pieces.length - 1;
  let n = 0;
  for (let j = 0; j <= last && j < pieces.length; j++) {
    const b = asBuffer(pieces[j]!);
    const end = cut && j === cut.piece ? cut.at : b.length;
    n += countByte(b, LF, 0, end);
    for (let i = b.indexOf(CR, 0); i >= 0 && i < end; i = b.indexOf(CR, i + 1)) if (i + 1 >= end || b[i + 1] !== LF) n++;
    // A CRLF split between two pieces: its CR was counted as lone, its LF is counted in the next piece.
    if (end === b.length && b[end - 1] === CR) {
      const k = nextPiece(pieces, j);
      if (k >= 0 && k <= last && pieces[k]![0] === LF && !(cut && k === cut.piece && cut.at === 0)) n--;
    }
  }
  return n;
}

function countByte(b: Buffer, byte: number, from: number, to: number): number {
  let n = 0;
  for (let i = b.indexOf(byte, from); i >= 0 && i < to; i = b.indexOf(byte, i + 1)) n++;
  return n;
}
