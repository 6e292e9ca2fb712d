import { isAscii, isUtf8 } from "node:buffer";
import type { TextEncoding } from "./sniff.js";
import { copyBytes } from "./spans.js";

/** Raised when a UTF-8 file turns out to hold bytes that are not UTF-8 next to real UTF-8 text. */
export class MixedEncodingError extends Error {
  constructor(
    /** The bytes of the chunk before the first offending byte. */
    readonly before: Uint8Array,
    /** The offending bytes, as hex, for the message. */
    readonly bytes: string,
  ) {
    super("bytes that are not UTF-8 in a UTF-8 file");
  }
}

/**
 * Streaming bytes → UTF-8 bytes for CSV (the parser reads UTF-8 bytes). UTF-16 files (known by their
 * BOM) are decoded and written as UTF-8. Anything else is read as UTF-8 until a byte sequence proves
 * it is not:
 * - if everything before was plain ASCII, the file is switched to Windows-1252 (a superset of
 *   Latin-1; ASCII reads the same in both, so nothing already read changes) and `guessed` is set;
 * - if real UTF-8 text came before (or appears anywhere in the same chunk, or later), the file
 *   mixes encodings: `MixedEncodingError`.
 *
 * This decides on the whole file, not a sample, so a first accent 2 MB in is still read right.
 * UTF-8 passes through untouched after one native validity check per chunk (a character split across
 * chunks waits for the next one); a byte-order mark is dropped.
 */
export class CsvDecoder {
  private decoder: TextDecoder | undefined;
  private nonAscii = false;
  private first = true;
  private carry: Uint8Array | undefined;
  /** Where the file stopped being UTF-8, when it was switched to Windows-1252. */
  guessed: { byteOffset: number } | undefined;
  encoding: TextEncoding | "windows-1252";
  private offset = 0;

  constructor(encoding: TextEncoding) {
    this.encoding = encoding;
    if (encoding !== "utf-8") this.decoder = new TextDecoder(encoding);
  }

  /** Decode the next chunk (`final` for the last one, which flushes an incomplete sequence). */
  decode(chunk: Uint8Array, final = false): Uint8Array {
    const at = this.offset;
    this.offset += chunk.length;
    if (this.encoding === "windows-1252") {
      // Real UTF-8 text after the switch means the file mixes encodings after all.
      const utf8 = firstUtf8Multibyte(chunk);
      if (utf8 !== -1) throw new MixedEncodingError(utf8Of(this.decoder!.decode(chunk.subarray(0, utf8))), hex(chunk, utf8));
      return utf8Of(this.decoder!.decode(chunk));
    }
    if (this.encoding !== "utf-8") return utf8Of(this.decoder!.decode(chunk, { stream: !final }));

    const bytes = this.carry ? concat(this.carry, chunk) : chunk;
    const start = at - (this.carry?.length ?? 0);
    const cut = final ? bytes.length : completeLength(bytes);
    this.carry = cut < bytes.length ? copyBytes(bytes, cut) : undefined;
    let whole = cut === bytes.length ? bytes : bytes.subarray(0, cut);
    if (!isUtf8(whole)) {
      const bad = firstInvalidUtf8(whole);
      if (this.nonAscii || firstUtf8Multibyte(whole) !== -1) throw new MixedEncodingError(whole.subarray(0, bad), hex(whole, bad));
      this.encoding = "windows-1252";
      this.guessed = { byteOffset: start + bad };
      this.decoder = new TextDecoder("windows-1252");
      const rest = this.carry;
      this.carry = undefined;
      return utf8Of(this.decoder.decode(rest ? concat(whole, rest) : whole));
    }
    if (this.first && whole.length > 0) {
      this.first = false;
      if (whole[0] === 0xef && whole[1] === 0xbb && whole[2] === 0xbf) whole = whole.subarray(3);
    }
    if (!this.nonAscii && !isAscii(whole)) this.nonAscii = true;
    return whole;
  }
}

/** Text as UTF-8 bytes, in a buffer of their own (Buffer.from may share a pool). */
function utf8Of(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

const hex = (b: Uint8Array, at: number): string => Array.from(b.subarray(at, at + 3), (x) => x.toString(16).toUpperCase().padStart(2, "0")).join(" ");

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The length of the longest prefix that does not end inside a UTF-8 character. */
function completeLength(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const byte = b[n - k]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (byte < 0xc2 || byte > 0xf4) return n; // ASCII, or not a lead byte: nothing to wait for
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return need > k ? n - k : n;
  }
  return n;
}

/** Offset of the first valid multi-byte UTF-8 sequence (a sign of UTF-8 text), or -1. */
export function firstUtf8Multibyte(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) {
    if (b[i]! < 0xc2 || b[i]! > 0xf4) continue;
    if (firstInvalidUtf8(b.subarray(i, i + 4)) > 0) return i;
  }
  return -1;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (`b.length` if none). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}
