// AssemblyScript, compiled to WebAssembly by `npm run build:wasm` into ../csv-plain-wasm.ts (the
// bytes, base64). Not TypeScript: tsc and eslint leave `*.as.ts` alone.
//
// The fast lane of the CSV parser (csv-plain.ts drives it): a window of the buffer is copied into this
// module's memory, `scan` finds its stop bytes (the delimiter, the quote, CR, LF) 64 bytes a step with
// SIMD, and `run` cuts the plain records that follow into fields by walking those stops. A record is
// plain when it ends in a line break inside the window and each field is either unquoted (no quote
// anywhere in it) or quoted with no CR or LF inside, its quotes inside doubled (`""`), and nothing
// between its closing quote and the delimiter. Anything else stops `run` before the record, for the
// parser's own loop to read.

const QUOTE: i32 = 34;
const CR: i32 = 13;
const LF: i32 = 10;

/** Bytes a window holds. */
export const WINDOW_BYTES: i32 = 65536;
/** The window's bytes. */
export const AT: i32 = 65536;
/** The offsets of its stops, in order (`scan` writes up to three more, of no meaning). */
export const STOPS: i32 = AT + WINDOW_BYTES;
/** Per field `run` cut: where it starts and ends (offsets in the buffer: the window's plus `base`). */
export const STARTS: i32 = STOPS + 4 * (WINDOW_BYTES + 4);
export const ENDS: i32 = STARTS + 4 * (WINDOW_BYTES + 1);
/** Per record `run` kept: the line it is on (lines passed before it, blank records included), and its fields' end in STARTS. */
export const LINES: i32 = ENDS + 4 * (WINDOW_BYTES + 1);
export const FIELDS: i32 = LINES + 4 * (WINDOW_BYTES + 1);
/** The fields `run` kept that hold doubled quotes (numbers of fields in STARTS), for the parser to undo. */
export const DOUBLED: i32 = FIELDS + 4 * (WINDOW_BYTES + 1);
/** Memory the module needs. */
export const MEMORY_BYTES: i32 = DOUBLED + 4 * (WINDOW_BYTES + 1);

/**
 * What `run` reached, as six i32s (read by the caller as a typed array, cheaper than globals): the
 * offset after the last record it read, the first stop at or after it, the lines passed, the fields
 * kept, the fields with doubled quotes kept, and 1 when it stopped because the window's stops ran out
 * (the record may go on past the window), else 0.
 */
export const RESULT: i32 = 0;
const REACHED_AT: usize = 0;
const REACHED_STOP: usize = 4;
const LINES_PASSED: usize = 8;
const FIELDS_KEPT: usize = 12;
const DOUBLED_KEPT: usize = 16;
const OUT_OF_STOPS: usize = 20;

@inline function stopMask(p: usize, vd: v128, vq: v128, vcr: v128, vlf: v128): u64 {
  const v = v128.load(p);
  return <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, vq)), v128.or(i8x16.eq(v, vcr), i8x16.eq(v, vlf))));
}

/** Write the offset of every stop byte among the window's first `len` bytes to STOPS, in order; returns how many. */
export function scan(len: i32, delim: i32): i32 {
  const vd = i8x16.splat(<i8>delim);
  const vq = i8x16.splat(<i8>QUOTE);
  const vcr = i8x16.splat(<i8>CR);
  const vlf = i8x16.splat(<i8>LF);
  let n = 0;
  let i = 0;
  for (; i + 64 <= len; i += 64) {
    const p = <usize>(AT + i);
    let bits: u64 = stopMask(p, vd, vq, vcr, vlf) | (stopMask(p + 16, vd, vq, vcr, vlf) << 16) | (stopMask(p + 32, vd, vq, vcr, vlf) << 32) | (stopMask(p + 48, vd, vq, vcr, vlf) << 48);
    const count = <i32>popcnt(bits);
    let o = <usize>(STOPS + (n << 2));
    // Four at a time whatever is left (the writes past the last are overwritten or ignored): fewer
    // branches the processor cannot predict, as simdjson does.
    while (bits != 0) {
      store<i32>(o, i + <i32>ctz(bits));
      bits &= bits - 1;
      store<i32>(o, i + <i32>ctz(bits), 4);
      bits &= bits - 1;
      store<i32>(o, i + <i32>ctz(bits), 8);
      bits &= bits - 1;
      store<i32>(o, i + <i32>ctz(bits), 12);
      bits &= bits - 1;
      o += 16;
    }
    n += count;
  }
  for (; i < len; i++) {
    const c = <i32>load<u8>(<usize>(AT + i));
    if (c == delim || c == QUOTE || c == CR || c == LF) {
      store<i32>(<usize>(STOPS + (n << 2)), i);
      n++;
    }
  }
  return n;
}

@inline function stopAt(k: i32): i32 {
  return load<i32>(<usize>(STOPS + (k << 2)));
}

@inline function byteAt(i: i32): i32 {
  return <i32>load<u8>(<usize>(AT + i));
}

/**
 * Cut the plain records from offset `p` of the window (`len` bytes, `count` stops; stop `k` or a later
 * one is the first at or after `p`) into fields, up to the first record that is not plain or not
 * complete in the window. Records whose fields are all empty are left out (their lines still count).
 * Returns the records kept; RESULT says where it stopped.
 */
export function run(len: i32, count: i32, k: i32, p: i32, delim: i32, base: i32): i32 {
  while (k < count && stopAt(k) < p) k++;
  let records = 0;
  let nf = 0;
  let lines = 0;
  let recordStop = k;
  let recordFields = 0;
  let nd = 0;
  let recordDoubled = 0;
  let filled = 0;
  let fieldStart = p;
  // Set to 0 where a record that is not plain stops the run.
  let outOfStops = 1;
  while (k < count) {
    let s = stopAt(k);
    let c = byteAt(s);
    let a = fieldStart;
    let e = s;
    if (c == QUOTE) {
      // A quoted field: only where the field starts, closed before any line break, and followed at
      // once by the delimiter or a line break.
      if (s != fieldStart) {
        outOfStops = 0;
        break;
      }
      let j = k + 1;
      let close = -1;
      let doubled = false;
      for (; j < count; j++) {
        const t = stopAt(j);
        const ct = byteAt(t);
        if (ct == QUOTE) {
          if (t + 1 < len && byteAt(t + 1) == QUOTE) {
            // `""`, a quote: the second is the next stop.
            doubled = true;
            j++;
            continue;
          }
          close = t;
          break;
        }
        if (ct == CR || ct == LF) break;
      }
      if (j >= count || close + 1 >= len) break; // the field may go on past the window
      if (close < 0) {
        outOfStops = 0;
        break;
      }
      const after = byteAt(close + 1);
      if (after != delim && after != CR && after != LF) {
        outOfStops = 0;
        break;
      }
      if (doubled) {
        store<i32>(<usize>(DOUBLED + (nd << 2)), nf);
        nd++;
      }
      a = s + 1;
      e = close;
      s = close + 1;
      c = after;
      k = j + 1;
    }
    store<i32>(<usize>(STARTS + (nf << 2)), base + a);
    store<i32>(<usize>(ENDS + (nf << 2)), base + e);
    nf++;
    if (e > a) filled = 1;
    if (c == delim) {
      fieldStart = s + 1;
      k++;
      continue;
    }
    let next = s + 1;
    if (c == CR) {
      if (next >= len) break;
      if (byteAt(next) == LF) {
        next++;
        k++;
      }
    }
    k++;
    if (filled != 0) {
      store<i32>(<usize>(LINES + (records << 2)), lines);
      store<i32>(<usize>(FIELDS + (records << 2)), nf);
      records++;
      recordFields = nf;
      recordDoubled = nd;
    } else {
      nf = recordFields;
      nd = recordDoubled;
    }
    lines++;
    p = next;
    fieldStart = next;
    recordStop = k;
    filled = 0;
  }
  store<i32>(REACHED_AT, p);
  store<i32>(REACHED_STOP, recordStop);
  store<i32>(LINES_PASSED, lines);
  store<i32>(FIELDS_KEPT, recordFields);
  store<i32>(DOUBLED_KEPT, recordDoubled);
  store<i32>(OUT_OF_STOPS, outOfStops);
  return records;
}
