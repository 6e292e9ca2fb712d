import type { ResolvedReadOptions } from "./options.js";
import { parseXml } from "./xml.js";
import { isDateFormat, unescapeOoxml } from "./xlsx-values.js";
import type { ZipPackage } from "./zip.js";

/** The shared-strings table: text by index; strings longer than a cell can hold are kept only as their length. */
export interface SharedStrings {
  strings: (string | number)[];
}

/**
 * Read `xl/sharedStrings.xml`: each `<si>` is the concatenation of its `<t>` runs (rich text becomes
 * plain text; phonetic `<rPh>` runs are left out). Its size is already capped by the zip guard; a string
 * longer than `maxCellChars` is stored as its length so it cannot be amplified by the cells that use it.
 */
export async function readSharedStrings(zip: ZipPackage, part: string, opts: ResolvedReadOptions): Promise<SharedStrings> {
  const strings: (string | number)[] = [];
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
          strings.push(curLength > opts.maxCellChars ? curLength : unescapeOoxml(cur));
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
  return { strings };
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
