import { fmt, ReadProblem } from "./problem.js";

/** Callbacks of the scanner. Element names are local (any `x:` or `ns0:` prefix removed). */
export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text?(text: string): void;
}

const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
const localName = (name: string): string => {
  const i = name.indexOf(":");
  return i === -1 ? name : name.slice(i + 1);
};

// Characters XML 1.0 forbids anywhere (C0 controls other than TAB, LF, CR).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
/** The attributes of a tag without any: one shared object, frozen because handlers only read it. */
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});
/** Longest single token (a tag, a comment, a CDATA section) held while waiting for its end. */
const MAX_TOKEN_CHARS = 16 * 1024 * 1024;

/**
 * A small streaming XML scanner for workbook parts, several times faster than a general parser on
 * the flat, regular XML of worksheets. It checks what matters for trusting the values: tags nest and
 * match, one root, no text outside it, no forbidden characters, only the five predefined entities
 * and character references. DTDs are refused outright (`xml-unsafe`): OPC forbids them, and they
 * carry XXE and entity-expansion attacks; nothing is ever fetched or expanded. Nesting deeper than
 * `maxDepth` is refused too. Other damage is `read-failed` naming the part and the line.
 */
export class XmlScanner {
  private buf = "";
  private stack: string[] = [];
  private seenRoot = false;
  /** Lines in the text consumed before `buf`. */
  private line = 1;
  /** The text being scanned (for the line number of an error). */
  private scanning = "";

  constructor(
    private readonly part: string,
    private readonly h: XmlHandlers,
    private readonly maxDepth: number,
  ) {}

  /** Scan more text; a token cut by the chunk's end waits for the next one. */
  write(chunk: string): void {
    const s = this.buf.length ? this.buf + chunk : chunk;
    const used = this.scan(s, false);
    this.line += countLines(s, 0, used);
    this.buf = used < s.length ? s.slice(used) : "";
    if (this.buf.length > MAX_TOKEN_CHARS) {
      this.scanning = this.buf;
      this.fail(0, `a single tag, comment or CDATA section longer than ${fmt(MAX_TOKEN_CHARS)} characters`);
    }
  }

  /** The end of the part: everything must be closed. */
  close(): void {
    const s = this.buf;
    const used = this.scan(s, true);
    this.line += countLines(s, 0, used);
    this.buf = "";
    if (this.stack.length > 0) this.fail(s.length, `unexpected end of the part: <${this.stack.at(-1)}> is never closed`);
    if (!this.seenRoot) this.fail(s.length, "the part holds no XML element");
  }

  /** Scan `s` from the start; returns how far complete tokens reach. */
  private scan(s: string, final: boolean): number {
    this.scanning = s;
    const h = this.h;
    const len = s.length;
    let i = 0;
    while (i < len) {
      const lt = s.indexOf("<", i);
      if (lt === -1) {
        // Text up to the end; keep a possibly cut entity (`&am`) for the next chunk.
        const amp = final ? -1 : s.lastIndexOf("&");
        const end = amp >= i && s.indexOf(";", amp) === -1 ? amp : len;
        if (end > i) this.text(s, i, end);
        return end;
      }
      if (lt > i) this.text(s, i, lt);
      const c = s.charCodeAt(lt + 1);
      if (Number.isNaN(c)) return final ? this.fail(lt, "unexpected end inside a tag") : lt;
      if (c === SLASH) {
        const gt = s.indexOf(">", lt + 2);
        if (gt === -1) return final ? this.fail(lt, "unexpected end inside a closing tag") : lt;
        const name = s.slice(lt + 2, gt).trimEnd();
        const open = this.stack.pop();
        if (open !== name) this.fail(lt, open === undefined ? `closing tag </${name}> without an opening tag` : `closing tag </${name}> does not match <${open}>`);
        h.close(localName(name));
        i = gt + 1;
      } else if (c === QUESTION) {
        const end = s.indexOf("?>", lt + 2);
        if (end === -1) return final ? this.fail(lt, "unexpected end inside a processing instruction") : lt;
        i = end + 2;
      } else if (c === BANG) {
        if (s.startsWith("<!--", lt)) {
          const end = s.indexOf("-->", lt + 4);
          if (end === -1) return final ? this.fail(lt, "unexpected end inside a comment") : lt;
          i = end + 3;
        } else if (s.startsWith("<![CDATA[", lt)) {
          const end = s.indexOf("]]>", lt + 9);
          if (end === -1) return final ? this.fail(lt, "unexpected end inside CDATA") : lt;
          if (this.stack.length === 0) this.fail(lt, "CDATA outside of the root element");
          const t = s.slice(lt + 9, end);
          this.forbidden(t, lt + 9);
          h.text?.(t);
          i = end + 3;
        } else if (s.length - lt < 9 && !final) {
          return lt; // `<!DOCTYP` cut short: wait
        } else if (s.startsWith("<!DOCTYPE", lt)) {
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
  private openTag(s: string, lt: number, final: boolean): number {
    const len = s.length;
    let p = lt + 1;
    while (p < len) {
      const c = s.charCodeAt(p);
      if (isSpace(c) || c === GT || c === SLASH) break;
      p++;
    }
    if (p >= len) return final ? this.fail(lt, "unexpected end inside a tag") : -1;
    const name = s.slice(lt + 1, p);
    if (name === "") this.fail(lt, "a tag without a name");
    // Made at the first attribute: most tags of a worksheet (<v>, <f>, <is>) have none.
    let attrs: Record<string, string> | undefined;
    for (;;) {
      while (p < len && isSpace(s.charCodeAt(p))) p++;
      if (p >= len) return final ? this.fail(lt, "unexpected end inside a tag") : -1;
      const c = s.charCodeAt(p);
      if (c === GT || c === SLASH) {
        let selfClosing = false;
        if (c === SLASH) {
          if (p + 1 >= len) return final ? this.fail(lt, "unexpected end inside a tag") : -1;
          if (s.charCodeAt(p + 1) !== GT) this.fail(p, "unexpected / in a tag");
          selfClosing = true;
          p++;
        }
        this.start(name, attrs ?? NO_ATTRS, lt);
        if (selfClosing) {
          this.stack.pop();
          this.h.close(localName(name));
        }
        return p + 1;
      }
      // name = "value"
      const nameStart = p;
      while (p < len) {
        const d = s.charCodeAt(p);
        if (d === EQ || isSpace(d) || d === GT || d === SLASH) break;
        p++;
      }
      const attrName = s.slice(nameStart, p);
      while (p < len && isSpace(s.charCodeAt(p))) p++;
      if (p >= len) return final ? this.fail(lt, "unexpected end inside a tag") : -1;
      if (s.charCodeAt(p) !== EQ) this.fail(p, `attribute ${attrName} without a value`);
      p++;
      while (p < len && isSpace(s.charCodeAt(p))) p++;
      if (p >= len) return final ? this.fail(lt, "unexpected end inside a tag") : -1;
      const q = s.charCodeAt(p);
      if (q !== DQUOTE && q !== SQUOTE) this.fail(p, `the value of attribute ${attrName} is not quoted`);
      const end = s.indexOf(q === DQUOTE ? '"' : "'", p + 1);
      if (end === -1) return final ? this.fail(lt, "unexpected end inside an attribute value") : -1;
      const raw = s.slice(p + 1, end);
      if (raw.indexOf("<") !== -1) this.fail(p, "< in an attribute value");
      // Attribute values are refs, types and styles, parsed strictly by their users: only entities need work here.
      (attrs ??= {})[attrName] = raw.indexOf("&") === -1 ? raw : this.decode(raw, p);
      p = end + 1;
    }
  }

  private start(name: string, attrs: Record<string, string>, at: number): void {
    if (this.stack.length === 0) {
      if (this.seenRoot) this.fail(at, "a second root element");
      this.seenRoot = true;
    }
    this.stack.push(name);
    if (this.stack.length > this.maxDepth)
      throw new ReadProblem("xml-unsafe", `${this.part} nests elements more than ${fmt(this.maxDepth)} deep; no real workbook does: the part was refused`);
    this.h.open(localName(name), attrs);
  }

  private text(s: string, from: number, to: number): void {
    const t = s.slice(from, to);
    if (this.stack.length === 0) {
      const lead = t.length - t.trimStart().length;
      if (lead < t.length) this.fail(from + lead, "text data outside of the root element");
      return;
    }
    if (this.h.text) this.h.text(this.decode(t, from));
    else this.forbidden(t, from);
  }

  /** Fail on the first character XML forbids, at its line. */
  private forbidden(t: string, at: number): void {
    const m = FORBIDDEN.exec(t);
    if (m) this.fail(at + m.index, `disallowed character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  }

  /** Resolve the predefined entities and character references; anything else is an error. */
  private decode(t: string, at: number): string {
    this.forbidden(t, at);
    if (t.indexOf("&") === -1) return t;
    const out = t.replace(ENTITY, (_, ref: string) => {
      if (ref.charCodeAt(0) !== 35) {
        const v = NAMED[ref];
        if (v === undefined) this.fail(at, `undefined entity &${ref};`);
        return v!;
      }
      const code = ref.charCodeAt(1) === 120 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) this.fail(at, "disallowed character reference");
      return String.fromCodePoint(code);
    });
    if (t.replace(ENTITY, "").indexOf("&") !== -1) this.fail(at, "a bare & (it must be written &amp;)");
    return out;
  }

  private fail(at: number, what: string): never {
    const line = this.line + countLines(this.scanning, 0, at);
    throw new ReadProblem("read-failed", `${this.part} is not well-formed XML (line ${line}: ${what}): the workbook is damaged`);
  }
}

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf("\n", from); i !== -1 && i < to; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
