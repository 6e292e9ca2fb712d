/**
 * Cutting a CSV into byte ranges at record boundaries, so each range can be read by its own
 * worker. A line break ends a record exactly when an even number of quote characters precede it
 * (RFC 4180: `""` inside a quoted field adds two), so counting quotes from the start is exact.
 */

/** A byte range of the file and the physical line its first byte is on. */
export interface CsvRange {
  start: number;
  end: number;
  /** 1-based physical line of `start`. */
  firstLine: number;
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Uint8Array>;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const CHUNK = 1 << 22;

/**
 * Split a file of `size` bytes into `parts` ranges of about equal size, each ending just after a
 * line break outside quotes. Reads the file once up to the last cut, a chunk at a time (memory
 * stays flat). Ranges may be fewer than asked when one record is huge. Lines are counted as the
 * tokenizer counts them (CRLF, LF and a lone CR each end one line).
 * @example await splitCsv(readAt, 125_245_671, 2) // [{ start: 0, end: 62_622_880, firstLine: 1 }, { start: 62_622_880, end: 125_245_671, firstLine: 500_045 }]
 */
export async function splitCsv(readAt: ReadAt, size: number, parts: number): Promise<CsvRange[]> {
  const ranges: CsvRange[] = [];
  let quotes = 0;
  let line = 1;
  let start = 0;
  let startLine = 1;
  let offset = 0;
  let prevCR = false;
  for (let k = 1; k < parts; k++) {
    const target = Math.floor((size * k) / parts);
    let cut = -1;
    while (cut < 0 && offset < size) {
      const chunk = Buffer.from(await readAt(offset, CHUNK));
      if (chunk.length === 0) break;
      // Before the target only the counts matter: count quotes and LFs with native indexOf jumps,
      // then lone CRs (old Mac files) the same way.
      const upTo = Math.max(0, Math.min(chunk.length, target - offset));
      if (upTo > 0) {
        let lines = countByte(chunk, LF, upTo) + loneCRs(chunk, upTo);
        if (prevCR && chunk[0] === LF) lines--; // the CR that ended the last chunk was counted as lone
        line += lines;
        quotes += countByte(chunk, QUOTE, upTo);
        // A CR just before `upTo` followed by an LF was not counted: the loop counts that LF.
        prevCR = upTo === chunk.length && chunk[upTo - 1] === CR;
      }
      for (let i = upTo; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (c === QUOTE) {
          quotes++;
          prevCR = false;
        } else if (c === LF || c === CR) {
          if (!(c === LF && prevCR)) line++;
          prevCR = c === CR;
          // A CR may be followed by an LF of the same break: cut after an LF, or after a CR not followed by LF.
          const next = i + 1 < chunk.length ? chunk[i + 1] : undefined;
          if ((quotes & 1) === 0 && !(c === CR && (next === LF || next === undefined))) {
            cut = offset + i + 1;
            break;
          }
        } else prevCR = false;
      }
      offset = cut >= 0 ? cut : offset + chunk.length;
    }
    if (cut < 0 || cut >= size) break;
    ranges.push({ start, end: cut, firstLine: startLine });
    start = cut;
    startLine = line;
  }
  ranges.push({ start, end: size, firstLine: startLine });
  return ranges;
}

/** How many times `byte` occurs in `b[0, end)`, by native `indexOf` jumps. */
function countByte(b: Buffer, byte: number, end: number): number {
  let n = 0;
  for (let i = b.indexOf(byte, 0); i >= 0 && i < end; i = b.indexOf(byte, i + 1)) n++;
  return n;
}

/** CRs in `b[0, end)` not followed by an LF (a CR at `end - 1` is judged by the byte at `end`). */
function loneCRs(b: Buffer, end: number): number {
  let n = 0;
  for (let i = b.indexOf(CR, 0); i >= 0 && i < end; i = b.indexOf(CR, i + 1)) if (b[i + 1] !== LF) n++;
  return n;
}

/** The first record of the file (its header line), line break included; empty when it has none. */
export async function headerBytes(readAt: ReadAt, size: number): Promise<Uint8Array> {
  const want = Math.min(size, 1 << 16);
  const parts: Uint8Array[] = [];
  for (let got = 0; got < want; ) {
    const piece = await readAt(got, want - got);
    if (piece.length === 0) break;
    parts.push(piece);
    got += piece.length;
  }
  const head = Buffer.concat(parts);
  const [first] = await splitCsv(async (p, n) => head.subarray(p, p + n), head.length, 2 * head.length);
  return first && first.end < head.length ? head.subarray(0, first.end) : new Uint8Array(0);
}
