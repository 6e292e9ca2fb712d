import { isUtf8 } from "node:buffer";
import { fmt, ReadProblem } from "./problem.js";
import { asBuffer } from "./spans.js";
import { NameTable, sameBytes, utf8, XmlAttrs, XmlText, type XmlName } from "./xml-views.js";

export { XmlAttrs, XmlText } from "./xml-views.js";

/**
 * Callbacks of the scanner. Element names are local (any `x:` or `ns0:` prefix removed). `attrs` and
 * `text` are views reused for the next tag: read them during the call, never keep them.
 */
export interface XmlHandlers {
  open(name: string, attrs: XmlAttrs): void;
  close(name: string): void;
  text?(text: XmlText): void;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const AMP = 38;

const isSpace = (c: number | undefined): boolean => c === 32 || c === 10 || c === 9 || c === 13;
const bytesOf = (s: string): Buffer => Buffer.from(s, "latin1");
const PI_END = bytesOf("?>");
const COMMENT = bytesOf("<!--");
const COMMENT_END = bytesOf("-->");
const CDATA = bytesOf("<![CDATA[");
const CDATA_END = bytesOf("]]>");
const DOCTYPE = bytesOf("<!DOCTYPE");

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
/** Longest single token (a tag, a comment, a CDATA section) held while waiting for its end. */
const MAX_TOKEN_BYTES = 16 * 1024 * 1024;
/** Text held while waiting for the tag after it, so a value reaches its handler whole; longer text goes in pieces. */
const MAX_TEXT_HELD = 64 * 1024;

/**
 * A small streaming XML scanner for workbook parts, over UTF-8 bytes: several times faster than a
 * general parser on the flat, regular XML of worksheets, and it makes no string a handler does not
 * ask for. It checks what matters for trusting the values: the text is UTF-8, tags nest and match,
 * one root, no text outside it, no forbidden characters, only the five predefined entities and
 * character references. DTDs are refused outright (`xml-unsafe`): OPC forbids them, and they carry
 * XXE and entity-expansion attacks; nothing is ever fetched or expanded. Nesting deeper than
 * `maxDepth` is refused too. Other damage is `read-failed` naming the part and the line.
 */
export class XmlScanner {
  /** Bytes of a token cut by the end of the last chunk, waiting for the next. */
  private held: Buffer = Buffer.alloc(0);
  /** Bytes at the end of `held` not yet checked as UTF-8 (a character cut by the chunk's end). */
  private unchecked = 0;
  private readonly stack: XmlName[] = [];
  private readonly names = new NameTable();
  private readonly attrs = new XmlAttrs();
  private readonly textView = new XmlText();
  private seenRoot = false;
  /** Lines in the bytes consumed before `held`. */
  private line = 1;
  /** The bytes being scanned (for the line number of an error). */
  private scanning: Buffer = this.held;

  constructor(
    private readonly part: string,
    private readonly h: XmlHandlers,
    private readonly maxDepth: number,
  ) {}

  /** Scan more bytes; a token cut by the chunk's end waits for the next one. */
  write(chunk: Uint8Array): void {
    this.advance(this.join(asBuffer(chunk)), false);
  }

  /** The end of the part: everything must be closed. */
  close(): void {
    const s = this.held;
    this.advance(s, true);
    if (this.stack.length > 0) this.fail(s.length, `unexpected end of the part: <${this.stack.at(-1)!.name}> is never closed`);
    if (!this.seenRoot) this.fail(s.length, "the part holds no XML element");
  }

  /** What is held, then `c`: without copying when `c` continues the same memory (pieces of one chunk). */
  private join(c: Buffer): Buffer {
    const held = this.held;
    if (held.length === 0) return c;
    if (held.buffer === c.buffer && held.byteOffset + held.length === c.byteOffset) return Buffer.from(c.buffer, held.byteOffset, held.length + c.length);
    return Buffer.concat([held, c]);
  }

  private advance(s: Buffer, final: boolean): void {
    const tail = final ? 0 : incompleteTail(s);
    if (!isUtf8(s.subarray(this.held.length - this.unchecked, s.length - tail))) throw new ReadProblem("read-failed", `${this.part} is not valid UTF-8 text: the workbook is damaged`);
    // Bytes not yet checked are not scanned either (they are never markup: a cut character's bytes are all above 0x7F).
    const used = this.scan(tail > 0 ? s.subarray(0, s.length - tail) : s, final);
    this.line += countLines(s, 0, used);
    this.held = s.subarray(used);
    this.unchecked = tail;
    if (this.held.length > MAX_TOKEN_BYTES) {
      this.scanning = this.held;
      this.fail(0, `a single tag, comment or CDATA section longer than ${fmt(MAX_TOKEN_BYTES)} bytes`);
    }
  }

  /** Scan `s` from the start; returns how far complete tokens reach. */
  private scan(s: Buffer, final: boolean): number {
    this.scanning = s;
    const h = this.h;
    const len = s.length;
    let i = 0;
    while (i < len) {
      const lt = find(s, LT, i);
      if (lt === -1) {
        // Text up to the end: wait for the tag after it, unless it is long.
        if (!final && len - i <= MAX_TEXT_HELD) return i;
        const end = final ? len : textCut(s, i, len);
        if (end > i) this.text(s, i, end);
        return end;
      }
      if (lt > i) this.text(s, i, lt);
      const c = s[lt + 1];
      if (c === undefined) return final ? this.fail(lt, "unexpected end inside a tag") : lt;
      if (c === SLASH) {
        const gt = find(s, GT, lt + 2);
        if (gt === -1) return final ? this.fail(lt, "unexpected end inside a closing tag") : lt;
        let end = gt;
        while (end > lt + 2 && isSpace(s[end - 1])) end--;
        const open = this.stack.pop();
        if (open === undefined || !sameBytes(open.bytes, s, lt + 2, end)) {
          const name = utf8(s, lt + 2, end);
          this.fail(lt, open === undefined ? `closing tag </${name}> without an opening tag` : `closing tag </${name}> does not match <${open.name}>`);
        }
        h.close(open.local);
        i = gt + 1;
      } else if (c === QUESTION) {
        const end = s.indexOf(PI_END, lt + 2);
        if (end === -1) return final ? this.fail(lt, "unexpected end inside a processing instruction") : lt;
        i = end + 2;
      } else if (c === BANG) {
        if (startsAt(s, lt, COMMENT)) {
          const end = s.indexOf(COMMENT_END, lt + 4);
          if (end === -1) return final ? this.fail(lt, "unexpected end inside a comment") : lt;
          i = end + 3;
        } else if (startsAt(s, lt, CDATA)) {
          const end = s.indexOf(CDATA_END, lt + 9);
          if (end === -1) return final ? this.fail(lt, "unexpected end inside CDATA") : lt;
          if (this.stack.length === 0) this.fail(lt, "CDATA outside of the root element");
          this.forbidden(s, lt + 9, end);
          this.textView.set(s, lt + 9, end, undefined);
          h.text?.(this.textView);
          i = end + 3;
        } else if (len - lt < DOCTYPE.length && !final) {
          return lt; // `<!DOCTYP` cut short: wait
        } else if (startsAt(s, lt, DOCTYPE)) {
          throw new ReadProblem("xml-unsafe", `${this.part} declares a DTD (<!DOCTYPE>); Excel never writes one and it can carry entity attacks (XXE, billion laughs): the part was refused, nothing was resolved`);
        } else this.fail(lt, "unexpected markup declaration");
      } else {
        const next = this.openTag(s, lt, final);
        if (next === -1) return lt;
        i = next;
      }
    }
    return len;
  }

  /** An opening (or self-closing) tag at `lt`; returns the index after it, or -1 when it is cut short. */
  private openTag(s: Buffer, lt: number, final: boolean): number {
    const len = s.length;
    let p = lt + 1;
    while (p < len) {
      const c = s[p]!;
      if (isSpace(c) || c === GT || c === SLASH) break;
      p++;
    }
    if (p >= len) return this.cut(lt, final);
    const nameEnd = p;
    if (nameEnd === lt + 1) this.fail(lt, "a tag without a name");
    const attrs = this.attrs;
    attrs.reset();
    for (;;) {
      while (p < len && isSpace(s[p])) p++;
      if (p >= len) return this.cut(lt, final);
      const c = s[p];
      if (c === GT || c === SLASH) {
        if (c === SLASH) {
          if (p + 1 >= len) return this.cut(lt, final);
          if (s[p + 1] !== GT) this.fail(p, "unexpected / in a tag");
        }
        const name = this.names.intern(s, lt + 1, nameEnd);
        this.start(name, lt);
        if (c === SLASH) {
          this.stack.pop();
          this.h.close(name.local);
          return p + 2;
        }
        return p + 1;
      }
      // name = "value"
      const nameStart = p;
      while (p < len) {
        const d = s[p]!;
        if (d === EQ || isSpace(d) || d === GT || d === SLASH) break;
        p++;
      }
      const attrEnd = p;
      while (p < len && isSpace(s[p])) p++;
      if (p >= len) return this.cut(lt, final);
      if (s[p] !== EQ) this.fail(p, `attribute ${utf8(s, nameStart, attrEnd)} without a value`);
      p++;
      while (p < len && isSpace(s[p])) p++;
      if (p >= len) return this.cut(lt, final);
      const q = s[p];
      if (q !== DQUOTE && q !== SQUOTE) this.fail(p, `the value of attribute ${utf8(s, nameStart, attrEnd)} is not quoted`);
      let end = p + 1;
      let amp = false;
      for (; end < len; end++) {
        const d = s[end];
        if (d === q) break;
        if (d === LT) this.fail(p, "< in an attribute value");
        if (d === AMP) amp = true;
        else if (d! < 32 && d !== 9 && d !== 10 && d !== 13) this.fail(end, `disallowed character U+${d!.toString(16).toUpperCase().padStart(4, "0")}`);
      }
      if (end >= len) return final ? this.fail(lt, "unexpected end inside an attribute value") : -1;
      // Attribute values are refs, types and styles, parsed strictly by their users: only entities need work here.
      attrs.add(this.names.intern(s, nameStart, attrEnd).name, s, p + 1, end, amp ? this.decode(s, p + 1, end) : undefined);
      p = end + 1;
    }
  }

  /** A tag cut short at `lt`: wait for the next chunk (-1), or fail at the end of the part. */
  private cut(lt: number, final: boolean): number {
    return final ? this.fail(lt, "unexpected end inside a tag") : -1;
  }

  private start(name: XmlName, at: number): void {
    if (this.stack.length === 0) {
      if (this.seenRoot) this.fail(at, "a second root element");
      this.seenRoot = true;
    }
    this.stack.push(name);
    if (this.stack.length > this.maxDepth)
      throw new ReadProblem("xml-unsafe", `${this.part} nests elements more than ${fmt(this.maxDepth)} deep; no real workbook does: the part was refused`);
    this.h.open(name.local, this.attrs);
  }

  private text(s: Buffer, from: number, to: number): void {
    if (this.stack.length === 0) {
      for (let p = from; p < to; p++) if (!isSpace(s[p])) this.fail(p, "text data outside of the root element");
      return;
    }
    const amp = this.forbidden(s, from, to);
    const decoded = amp ? this.decode(s, from, to) : undefined;
    if (this.h.text) {
      this.textView.set(s, from, to, decoded);
      this.h.text(this.textView);
    }
  }

  /** Fail on the first character XML forbids (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF); says whether there is an `&`. */
  private forbidden(s: Buffer, from: number, to: number): boolean {
    let amp = false;
    for (let p = from; p < to; p++) {
      const b = s[p]!;
      if (b < 32) {
        if (b !== 9 && b !== 10 && b !== 13) this.fail(p, `disallowed character U+${b.toString(16).toUpperCase().padStart(4, "0")}`);
      } else if (b === AMP) amp = true;
      else if (b === 0xef && s[p + 1] === 0xbf && (s[p + 2]! | 1) === 0xbf) this.fail(p, `disallowed character U+${s[p + 2] === 0xbe ? "FFFE" : "FFFF"}`);
    }
    return amp;
  }

  /** `s[from..to)` with the predefined entities and character references resolved; anything else is an error. */
  private decode(s: Buffer, from: number, to: number): string {
    const t = utf8(s, from, to);
    const out = t.replace(ENTITY, (_, ref: string) => {
      if (ref.charCodeAt(0) !== 35) {
        const v = NAMED[ref];
        if (v === undefined) this.fail(from, `undefined entity &${ref};`);
        return v!;
      }
      const code = ref.charCodeAt(1) === 120 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) this.fail(from, "disallowed character reference");
      return String.fromCodePoint(code);
    });
    if (t.replace(ENTITY, "").indexOf("&") !== -1) this.fail(from, "a bare & (it must be written &amp;)");
    return out;
  }

  private fail(at: number, what: string): never {
    const line = this.line + countLines(this.scanning, 0, at);
    throw new ReadProblem("read-failed", `${this.part} is not well-formed XML (line ${line}: ${what}): the workbook is damaged`);
  }
}

/** Bytes searched one by one before `indexOf`: a worksheet's gaps between tags are short, and a call costs more. */
const NEAR = 32;

/** The index of byte `b` in `s` from `from`, or -1. */
function find(s: Buffer, b: number, from: number): number {
  const near = Math.min(s.length, from + NEAR);
  for (let i = from; i < near; i++) if (s[i] === b) return i;
  return near === s.length ? -1 : s.indexOf(b, near);
}

function startsAt(s: Buffer, at: number, what: Buffer): boolean {
  return s.length - at >= what.length && sameBytes(what, s, at, at + what.length);
}

/** How many bytes at the end of `s` start a UTF-8 character that the next chunk completes (0 to 3). */
function incompleteTail(s: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= s.length; k++) {
    const b = s[s.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Where long text at `s[from..to)` may be cut: not inside an entity (`&am`), nor inside a character. */
function textCut(s: Buffer, from: number, to: number): number {
  const amp = s.lastIndexOf(AMP, to - 1);
  if (amp >= from && s.indexOf(";", amp) === -1) return amp;
  return to - incompleteTail(s.subarray(from, to));
}

function countLines(s: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf(10, from); i !== -1 && i < to; i = s.indexOf(10, i + 1)) n++;
  return n;
}
