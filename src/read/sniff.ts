import type { FindingCode } from "../errors/catalog.js";

/**
 * What the first bytes of a file say it is. Zips and OLE2 containers need a look inside
 * (`classifyZip`, `classifyCfb`) before we know whether they are workbooks.
 */
export type Sniffed =
  | { kind: "empty"; message: string }
  | { kind: "zip" }
  | { kind: "ole2" }
  | { kind: "text"; encoding: TextEncoding }
  | { kind: "refuse"; code: FindingCode; message: string };

/** Encodings recognised from a byte-order mark; `utf-8` also covers "no BOM, decide while reading". */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/** How many leading bytes `sniffFormat` wants to see. */
export const SNIFF_BYTES = 8192;

const SAVE_AS_XLSX = "open it in Excel and save it as .xlsx (Excel Workbook)";

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** Magic numbers of formats that are certainly not a spreadsheet we read. */
const FOREIGN: readonly { sig: readonly number[]; what: string }[] = [
  { sig: [0x1f, 0x8b], what: "a gzip-compressed file: decompress it first" },
  { sig: [0x25, 0x50, 0x44, 0x46, 0x2d], what: "a PDF document: ask the partner for the spreadsheet itself" },
  { sig: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image, not a spreadsheet" },
  { sig: [0xff, 0xd8, 0xff], what: "a JPEG image, not a spreadsheet" },
  { sig: [0x47, 0x49, 0x46, 0x38], what: "a GIF image, not a spreadsheet" },
  { sig: [0x52, 0x61, 0x72, 0x21], what: "a RAR archive: extract it first" },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a 7-Zip archive: extract it first" },
  { sig: [0x42, 0x5a, 0x68], what: "a bzip2-compressed file: decompress it first" },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: "an xz-compressed file: decompress it first" },
  { sig: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "an RTF document, not a spreadsheet" },
];

const isBlank = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Byte-order mark → encoding and BOM length. */
export function detectBom(b: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8", length: 3 };
  if (startsWith(b, [0xff, 0xfe])) return { encoding: "utf-16le", length: 2 };
  if (startsWith(b, [0xfe, 0xff])) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** True when the bytes after the BOM are only blanks (spaces, tabs, line breaks), in the BOM's encoding. */
function onlyBlanks(b: Uint8Array, bom: { encoding: TextEncoding; length: number } | undefined): boolean {
  const start = bom?.length ?? 0;
  if (bom?.encoding === "utf-16le" || bom?.encoding === "utf-16be") {
    const hi = bom.encoding === "utf-16le" ? 1 : 0;
    for (let i = start; i + 1 < b.length; i += 2) if (b[i + hi] !== 0 || !isBlank(b[i + 1 - hi]!)) return false;
    return true;
  }
  for (let i = start; i < b.length; i++) if (!isBlank(b[i]!)) return false;
  return true;
}

/** A raw BIFF2-BIFF5 worksheet stream starts with a BOF record (0x0009, 0x0209, 0x0409 or 0x0809). */
function isBiffStream(b: Uint8Array): boolean {
  if (b.length < 8 || b[0] !== 0x09 || ![0x00, 0x02, 0x04, 0x08].includes(b[1]!)) return false;
  const len = b[2]! | (b[3]! << 8);
  return len >= 4 && len <= 20;
}

/** UTF-16 text without a BOM shows as NUL in every other byte (ASCII characters). */
function utf16WithoutBom(b: Uint8Array): TextEncoding | undefined {
  const n = Math.min(b.length, 512) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.7 && evenNul < pairs * 0.1) return "utf-16le";
  if (evenNul > pairs * 0.7 && oddNul < pairs * 0.1) return "utf-16be";
  return undefined;
}

/** The longest run of NUL bytes, and where the first long run starts. */
function longestNulRun(b: Uint8Array): { length: number; at: number } {
  let best = 0;
  let at = -1;
  let run = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0) {
      run++;
      if (run > best) {
        best = run;
        at = i - run + 1;
      }
    } else run = 0;
  }
  return { length: best, at };
}

/** Share of bytes that are control characters text never holds (not TAB, LF, CR, FF, VT, ESC). */
function controlShare(b: Uint8Array): number {
  let n = 0;
  for (const x of b) if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c && x !== 0x0b && x !== 0x1b) n++;
  return b.length ? n / b.length : 0;
}

/** Text formats that look like data but are not CSV, recognised from their opening. */
function foreignText(head: string): string | undefined {
  const t = head.trimStart().slice(0, 2048).toLowerCase();
  if (t.startsWith("id;p")) return `a SYLK (.slk) file, not an xlsx workbook: ${SAVE_AS_XLSX}`;
  if (t.includes("urn:schemas-microsoft-com:office:spreadsheet"))
    return `an Excel 2003 XML spreadsheet, not an xlsx workbook: ${SAVE_AS_XLSX}`;
  if (/^(<\?xml[^>]*>\s*)?(<!doctype html|<html|<head|<body|<table|<meta|<!--)/.test(t))
    return "an HTML page (a web page, a login page or an HTML table export), not a spreadsheet: download or export the real file again";
  if (t.startsWith("<?xml") || t.startsWith("<")) return "an XML document, not an xlsx workbook or a CSV file";
  return undefined;
}

const EXCEL_EXTENSIONS = /\.(xlsx|xlsm|xltx|xltm|xls|xlsb)$/i;

/**
 * Sniff a file's format from its first bytes (`SNIFF_BYTES` of them, or the whole file if shorter)
 * and its total size. The extension is used only to phrase advice: a text file named `.xlsx` is refused
 * because the partner meant to send a workbook.
 *
 * @example sniffFormat(new TextEncoder().encode("id,name\n1,a\n"), 12, "a.csv") // { kind: "text", encoding: "utf-8" }
 */
export function sniffFormat(head: Uint8Array, size: number, path: string): Sniffed {
  if (size === 0 || head.length === 0) return { kind: "empty", message: "the file is empty (0 bytes)" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]) || startsWith(head, [0x50, 0x4b, 0x07, 0x08]))
    return { kind: "zip" };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: "ole2" };
  for (const f of FOREIGN) if (startsWith(head, f.sig)) return { kind: "refuse", code: "format-unsupported", message: `this is ${f.what}` };
  if (isBiffStream(head))
    return { kind: "refuse", code: "format-unsupported", message: `this is a legacy Excel 2.x-5.0 worksheet (.xls): ${SAVE_AS_XLSX}` };

  const bom = detectBom(head);
  if (head.length >= size && onlyBlanks(head, bom))
    return { kind: "empty", message: bom ? "the file holds only a byte-order mark and blank lines" : "the file holds only blank lines" };

  if (!bom) {
    const u16 = utf16WithoutBom(head);
    if (u16)
      return {
        kind: "refuse",
        code: "encoding-invalid",
        message: `this looks like ${u16 === "utf-16le" ? "UTF-16LE" : "UTF-16BE"} text without a byte-order mark: save it again as "CSV UTF-8"`,
      };
    const sample = head.subarray(0, SNIFF_BYTES);
    const nul = longestNulRun(sample);
    if (nul.length >= 64) {
      const before = sample.subarray(0, nul.at);
      const lines = before.reduce((n, x) => n + (x === 0x0a ? 1 : 0), 1);
      return {
        kind: "refuse",
        code: "read-failed",
        message:
          nul.at > 0
            ? `the text stops at line ${lines} and the rest of the file is NUL bytes: the file was not completely written (an interrupted copy or download)`
            : "the file starts with NUL bytes: it is binary data or was not completely written, not a CSV",
      };
    }
    if (sample.length >= 32 && controlShare(sample) > 0.1)
      return { kind: "refuse", code: "format-unsupported", message: "this is binary data, not a spreadsheet or CSV text" };
  }

  const encoding = bom?.encoding ?? "utf-8";
  const text = new TextDecoder(encoding).decode(head.subarray(0, 4096));
  const foreign = foreignText(text);
  if (foreign) return { kind: "refuse", code: "format-unsupported", message: `this is ${foreign}` };
  if (EXCEL_EXTENSIONS.test(path))
    return {
      kind: "refuse",
      code: "format-unsupported",
      message: "the file is named like an Excel workbook but holds plain text (probably CSV): rename it to .csv, or open it in Excel and save it as .xlsx",
    };
  return { kind: "text", encoding };
}

/** Classify a zip from its entry names (and the ODF `mimetype` entry's text). */
export function classifyZip(names: readonly string[], mimetype?: string): { kind: "xlsx" } | { kind: "refuse"; message: string } {
  const has = (n: string): boolean => names.includes(n);
  const refuse = (message: string) => ({ kind: "refuse" as const, message });
  if (mimetype?.includes("opendocument.spreadsheet") || (has("mimetype") && has("content.xml") && !mimetype))
    return refuse(`this is an OpenDocument spreadsheet (.ods), not an xlsx workbook: ${SAVE_AS_XLSX}`);
  if (mimetype?.includes("opendocument")) return refuse("this is an OpenDocument file (text or presentation), not a spreadsheet");
  if (names.some((n) => /^xl\/workbook\.bin$/i.test(n)))
    return refuse(`this is an Excel binary workbook (.xlsb), which logframe does not read: ${SAVE_AS_XLSX}`);
  if (names.some((n) => n.startsWith("Index/") && n.endsWith(".iwa")) || has("Index.zip"))
    return refuse("this is an Apple Numbers file, not an xlsx workbook: in Numbers use File > Export To > Excel");
  if (has("word/document.xml")) return refuse("this is a Word document (.docx), not a spreadsheet");
  if (has("ppt/presentation.xml")) return refuse("this is a PowerPoint presentation (.pptx), not a spreadsheet");
  return { kind: "xlsx" };
}

/** What an OLE2 (compound file) container holds, from its stream names. */
export function classifyCfb(names: readonly string[]): { code: FindingCode; message: string } {
  const has = (n: string): boolean => names.some((x) => x.toLowerCase() === n.toLowerCase());
  if (has("EncryptedPackage") || has("EncryptionInfo"))
    return {
      code: "file-encrypted",
      message: "the workbook is password-protected (encrypted): open it in Excel with the password and save an unprotected copy (File > Info > Protect Workbook > Encrypt with Password, clear the password)",
    };
  if (has("Workbook") || has("Book"))
    return { code: "format-unsupported", message: `this is a legacy Excel 97-2003 .xls file: ${SAVE_AS_XLSX}` };
  if (has("WordDocument")) return { code: "format-unsupported", message: "this is a Word 97-2003 document (.doc), not a spreadsheet" };
  if (has("PowerPoint Document")) return { code: "format-unsupported", message: "this is a PowerPoint 97-2003 file (.ppt), not a spreadsheet" };
  return { code: "format-unsupported", message: "this is a Microsoft compound (OLE2) file that holds no workbook, not an xlsx workbook" };
}
