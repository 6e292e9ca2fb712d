import type { ResolvedReadOptions } from "./options.js";
import { parseXml } from "./xml.js";
import { isDateFormat, unescapeOoxml } from "./xlsx-values.js";
import type { ZipPackage } from "./zip.js";

/** Entries a pool string holds (`SharedStrings`). */
const POOL_ENTRIES = 4096;

/**
 * The shared-strings table: text by index, or the length of a string longer than a cell can hold.
 * The texts are packed into pool strings of 4,096 entries each, an entry being a slice of its pool: a
 * string of its own costs ~30 bytes over its text, and a sheet of a million ids has a million
 * entries (42.7 MB of heap for the bench's 1M-row workbook, 10 MB of text).
 */
export class SharedStrings {
  private readonly pools: string[] = [];
  /** The texts of the pool being filled. */
  private filling: string[] = [];
  /** Per entry: where its text ends in its pool (it starts where the entry before it in the pool ends). */
  private ends = new Int32Array(1024);
  /** Entries longer than a cell can hold: their lengths (their text is not kept). */
  private readonly tooLong = new Map<number, number>();
  /** Entries held. */
  length = 0;

  /** Add the next entry. */
  add(text: string): void {
    this.push(text.length);
    this.filling.push(text);
  }

  /** Add the next entry, a text of `length` characters that is too long to hold. */
  addTooLong(length: number): void {
    this.tooLong.set(this.length, length);
    this.push(0);
  }

  /** The table is complete: the last pool is joined. */
  seal(): this {
    if (this.filling.length > 0) this.pools.push(this.filling.join(""));
    this.filling = [];
    return this;
  }

  /** Entry `i`'s text, the length of one too long to hold, or undefined when there is no entry `i` (the table must be sealed). */
  at(i: number): string | number | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    if (this.tooLong.size > 0) {
      const n = this.tooLong.get(i);
      if (n !== undefined) return n;
    }
    return this.pools[Math.floor(i / POOL_ENTRIES)]!.slice(i % POOL_ENTRIES === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  private push(chars: number): void {
    const i = this.length++;
    const first = i % POOL_ENTRIES === 0;
    if (first && i > 0) {
      this.pools.push(this.filling.join(""));
      this.filling = [];
    }
    if (i === this.ends.length) {
      const grown = new Int32Array(i * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[i] = (first ? 0 : this.ends[i - 1]!) + chars;
  }
}

/**
 * Read `xl/sharedStrings.xml`: each `<si>` is the concatenation of its `<t>` runs (rich text becomes
 * plain text; phonetic `<rPh>` runs are left out). Its size is already capped by the zip guard; a string
 * longer than `maxCellChars` is stored as its length so it cannot be amplified by the cells that use it.
 */
export async function readSharedStrings(zip: ZipPackage, part: string, opts: ResolvedReadOptions): Promise<SharedStrings> {
  const strings = new SharedStrings();
  let cur = "";
  let curLength = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  await parseXml(
    zip.stream(part),
    part,
    {
      open(name) {
        if (name === "si") {
          inSi = true;
          cur = "";
          curLength = 0;
        } else if (name === "rPh") phonetic++;
        else if (name === "t" && inSi && phonetic === 0) inT = true;
      },
      close(name) {
        if (name === "si") {
          if (curLength > opts.maxCellChars) strings.addTooLong(curLength);
          else strings.add(unescapeOoxml(cur));
          inSi = false;
        } else if (name === "rPh") phonetic--;
        else if (name === "t") inT = false;
      },
      text(view) {
        if (!inT) return;
        const t = view.string();
        curLength += t.length;
        if (curLength <= opts.maxCellChars) cur += t;
      },
    },
    opts.maxXmlDepth,
  );
  return strings.seal();
}

/** For each cell style (`s` attribute, an index into `cellXfs`), whether its number format is a date. */
export async function readDateStyles(zip: ZipPackage, part: string, opts: ResolvedReadOptions): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await parseXml(
    zip.stream(part),
    part,
    {
      open(name, a) {
        if (name === "numFmt") {
          const id = a.get("numFmtId");
          const code = a.get("formatCode");
          if (id !== undefined && code !== undefined) formats.set(Number(id), code);
        } else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) xfs.push(Number(a.get("numFmtId") ?? 0));
      },
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
    },
    opts.maxXmlDepth,
  );
  return xfs.map((id) => isDateFormat(id, formats.get(id)));
}
