/**
 * What `XmlScanner` hands its handlers: views over the bytes it is scanning, so that a worksheet's
 * hot path (a cell's `r`, `t`, `s` and its `<v>` digits) reads bytes and makes no string. Views are
 * reused for every tag: a handler must take what it needs during the callback, never keep the view.
 */
import { decodeSpan } from "./spans.js";

/** `decodeSpan`, except that one ASCII character makes no new string (a cell's `t="s"`, a one-letter name). */
export function utf8(b: Uint8Array, from: number, to: number): string {
  if (to - from === 1 && b[from]! < 0x80) return String.fromCharCode(b[from]!);
  return decodeSpan(b, from, to);
}

/** An element or attribute name, as written and without its prefix, with its bytes for comparing. */
export interface XmlName {
  readonly name: string;
  readonly local: string;
  readonly bytes: Uint8Array;
}

/** Names kept, at most: enough for any real part, bounded against a part made of distinct names. */
const MAX_NAMES = 4096;

/** Interns names by their bytes, so the names of millions of `<c r=… t=…>` tags are a few strings. */
export class NameTable {
  private readonly byHash = new Map<number, XmlName>();
  /** One-letter ASCII names (`c`, `v`, `r`, `t`, `s`: most of a worksheet's), by their byte. */
  private readonly oneByte: (XmlName | undefined)[] = new Array<XmlName | undefined>(128).fill(undefined);

  intern(b: Buffer, from: number, to: number): XmlName {
    if (to - from === 1) {
      const c = b[from]!;
      if (c < 128) return (this.oneByte[c] ??= { name: String.fromCharCode(c), local: String.fromCharCode(c), bytes: Uint8Array.of(c) });
    }
    let h = to - from;
    for (let p = from; p < to; p++) h = Math.imul(h ^ b[p]!, 0x01000193);
    const hit = this.byHash.get(h);
    if (hit !== undefined && sameBytes(hit.bytes, b, from, to)) return hit;
    const name = utf8(b, from, to);
    const colon = name.indexOf(":");
    const entry: XmlName = { name, local: colon === -1 ? name : name.slice(colon + 1), bytes: new Uint8Array(b.subarray(from, to)) };
    if (hit === undefined && this.byHash.size < MAX_NAMES) this.byHash.set(h, entry);
    return entry;
  }
}

/** Whether `b[from..to)` holds exactly `bytes`. */
export function sameBytes(bytes: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  if (bytes.length !== to - from) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== b[from + i]) return false;
  return true;
}

/**
 * The attributes of the tag being opened. `get` and `local` give strings; `bytes`, `start` and `end`
 * give an attribute's value as UTF-8 bytes (entities resolved), for reading numbers without a string.
 */
export class XmlAttrs {
  private n = 0;
  private names: string[] = [];
  private src: Buffer[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private decoded: (string | undefined)[] = [];

  /** Start a new tag (the scanner's use). */
  reset(): void {
    this.n = 0;
  }

  /** Add an attribute whose value is `b[from..to)`, or `decoded` when it had entities (the scanner's use). */
  add(name: string, b: Buffer, from: number, to: number, decoded: string | undefined): void {
    const k = this.n++;
    this.names[k] = name;
    this.decoded[k] = decoded;
    if (decoded === undefined) {
      this.src[k] = b;
      this.starts[k] = from;
      this.ends[k] = to;
    } else {
      const bytes = Buffer.from(decoded, "utf8");
      this.src[k] = bytes;
      this.starts[k] = 0;
      this.ends[k] = bytes.length;
    }
  }

  /** The index of the attribute written exactly `name` (prefix included), or -1; a repeated name's last. */
  index(name: string): number {
    for (let k = this.n - 1; k >= 0; k--) if (this.names[k] === name) return k;
    return -1;
  }

  /** The value of the attribute written exactly `name`, entities resolved. */
  get(name: string): string | undefined {
    const k = this.index(name);
    return k === -1 ? undefined : this.value(k);
  }

  /** The value of an attribute by local name (`r:id`, `id` and `ns1:id` all match `id`; never `xmlns:…`). */
  local(name: string): string | undefined {
    const k = this.index(name);
    if (k !== -1) return this.value(k);
    for (let j = 0; j < this.n; j++) {
      const full = this.names[j]!;
      if (full.endsWith(`:${name}`) && !full.startsWith("xmlns")) return this.value(j);
    }
    return undefined;
  }

  value(k: number): string {
    return this.decoded[k] ?? utf8(this.src[k]!, this.starts[k]!, this.ends[k]!);
  }

  bytes(k: number): Buffer {
    return this.src[k]!;
  }

  start(k: number): number {
    return this.starts[k]!;
  }

  end(k: number): number {
    return this.ends[k]!;
  }

  /** All attributes as written, in order (a repeated name twice). */
  entries(): [string, string][] {
    return Array.from({ length: this.n }, (_, k) => [this.names[k]!, this.value(k)]);
  }
}

/** A run of text: `bytes[start..end)` as UTF-8 with entities resolved, or as a string with `string()`. */
export class XmlText {
  bytes: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;
  private decoded: string | undefined;

  /** Point at new text (the scanner's use); `decoded` when entities were resolved. */
  set(b: Buffer, from: number, to: number, decoded: string | undefined): void {
    this.decoded = decoded;
    if (decoded === undefined) {
      this.bytes = b;
      this.start = from;
      this.end = to;
    } else {
      this.bytes = Buffer.from(decoded, "utf8");
      this.start = 0;
      this.end = this.bytes.length;
    }
  }

  string(): string {
    return this.decoded ?? utf8(this.bytes, this.start, this.end);
  }
}
