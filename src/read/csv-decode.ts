import type { TextEncoding } from "./sniff.js";

/** Raised when a UTF-8 file turns out to hold bytes that are not UTF-8 after real UTF-8 text. */
export class MixedEncodingError extends Error {
  constructor(
    /** The text decoded from the chunk before the first bad byte. */
    readonly before: string,
    /** The offending bytes, as hex, for the message. */
    readonly bytes: string,
  ) {
    super("bytes that are not UTF-8 in a UTF-8 file");
  }
}

/**
 * Streaming bytes → text for CSV. UTF-16 files (known by their BOM) decode as UTF-16. Anything else
 * is read as UTF-8 until a byte sequence proves it is not:
 * - if everything before was plain ASCII, the file is switched to Windows-1252 (a superset of
 *   Latin-1; ASCII reads the same in both, so nothing already read changes) and `guessed` is set;
 * - if real UTF-8 text came before (or appears anywhere in the same chunk, or later), the file
 *   mixes encodings: `MixedEncodingError`.
 *
 * This decides on the whole file, not a sample, so a first accent 2 MB in is still read right.
 */
export class CsvDecoder {
  private decoder: TextDecoder;
  private nonAscii = false;
  /** Where the file stopped being UTF-8, when it was switched to Windows-1252. */
  guessed: { byteOffset: number } | undefined;
  encoding: TextEncoding | "windows-1252";
  private offset = 0;

  constructor(encoding: TextEncoding) {
    this.encoding = encoding;
    this.decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  }

  /** Decode the next chunk (`final` for the last one, which flushes an incomplete sequence). */
  decode(chunk: Uint8Array, final = false): string {
    const at = this.offset;
    this.offset += chunk.length;
    if (this.encoding === "windows-1252") {
      // Real UTF-8 text after the switch means the file mixes encodings after all.
      const utf8 = firstUtf8Multibyte(chunk);
      if (utf8 !== -1) throw new MixedEncodingError(this.decoder.decode(chunk.subarray(0, utf8)), hex(chunk, utf8));
      return this.decoder.decode(chunk);
    }
    if (this.encoding !== "utf-8") return this.decoder.decode(chunk, { stream: !final });
    try {
      const s = this.decoder.decode(chunk, { stream: !final });
      if (!this.nonAscii && s.length !== chunk.length) this.nonAscii = true;
      return s;
    } catch {
      const bad = firstInvalidUtf8(chunk);
      if (this.nonAscii || firstUtf8Multibyte(chunk) !== -1) {
        throw new MixedEncodingError(new TextDecoder("utf-8").decode(chunk.subarray(0, bad)), hex(chunk, bad));
      }
      this.encoding = "windows-1252";
      this.guessed = { byteOffset: at + bad };
      this.decoder = new TextDecoder("windows-1252");
      return this.decoder.decode(chunk);
    }
  }
}

const hex = (b: Uint8Array, at: number): string => Array.from(b.subarray(at, at + 3), (x) => x.toString(16).toUpperCase().padStart(2, "0")).join(" ");

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
