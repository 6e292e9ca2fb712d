import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listCfbNames } from "../../src/read/cfb.js";
import { classifyCfb, classifyZip, sniffFormat } from "../../src/read/sniff.js";
import { CORPUS_DIR } from "../corpus/corpus-files.js";

const b = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

const cases: { name: string; bytes: Uint8Array; path?: string; kind: string; code?: string; message?: RegExp }[] = [
  { name: "a zip local header", bytes: b([0x50, 0x4b, 0x03, 0x04, 20, 0]), kind: "zip" },
  { name: "an empty zip (end record only)", bytes: b([0x50, 0x4b, 0x05, 0x06], new Array(18).fill(0)), kind: "zip" },
  { name: "an OLE2 compound file", bytes: b([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(24).fill(0)), kind: "ole2" },
  { name: "plain CSV text", bytes: b("id,name\n1,a\n"), path: "a.csv", kind: "text" },
  { name: "CSV text named .txt", bytes: b("id;name\n"), path: "a.txt", kind: "text" },
  { name: "UTF-16LE text with a BOM", bytes: b([0xff, 0xfe], [0x61, 0, 0x2c, 0, 0x62, 0]), path: "a.csv", kind: "text" },
  { name: "zero bytes", bytes: b(), kind: "empty", message: /0 bytes/ },
  { name: "only line breaks", bytes: b("\n\r\n\n"), kind: "empty" },
  { name: "only a UTF-16 BOM and blanks", bytes: b([0xff, 0xfe, 0x0a, 0x00, 0x20, 0x00]), kind: "empty", message: /byte-order mark/ },
  { name: "gzip", bytes: b([0x1f, 0x8b, 8, 0]), kind: "refuse", code: "format-unsupported", message: /gzip/ },
  { name: "a PDF", bytes: b("%PDF-1.4\n"), kind: "refuse", code: "format-unsupported", message: /PDF/ },
  { name: "a PNG", bytes: b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), kind: "refuse", code: "format-unsupported", message: /PNG/ },
  { name: "a BIFF2-5 worksheet stream", bytes: b([0x09, 0x00, 0x04, 0x00, 0x02, 0x00, 0x10, 0x00]), kind: "refuse", code: "format-unsupported", message: /legacy Excel 2\.x-5\.0/ },
  { name: "an HTML page", bytes: b("\n  <!DOCTYPE html><html><head><title>Login</title>"), kind: "refuse", code: "format-unsupported", message: /HTML page/ },
  { name: "an HTML table export named .xls", bytes: b("<table><tr><td>1</td></tr></table>"), path: "report.xls", kind: "refuse", code: "format-unsupported", message: /HTML page/ },
  { name: "SpreadsheetML 2003", bytes: b('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'), kind: "refuse", code: "format-unsupported", message: /Excel 2003 XML/ },
  { name: "SYLK", bytes: b("ID;PWXL;N;E\r\nC;Y1;X1;K1\r\n"), kind: "refuse", code: "format-unsupported", message: /SYLK/ },
  { name: "CSV text named .xlsx", bytes: b("a,b\n1,2\n"), path: "register.xlsx", kind: "refuse", code: "format-unsupported", message: /named like an Excel workbook but holds plain text/ },
  { name: "UTF-16LE without a BOM", bytes: b([0x69, 0, 0x64, 0, 0x2c, 0, 0x6e, 0, 0x61, 0, 0x6d, 0, 0x65, 0, 0x0a, 0]), kind: "refuse", code: "encoding-invalid", message: /UTF-16LE/ },
  { name: "text followed by NUL padding", bytes: b("a,b\n1,2\n", new Array(100).fill(0)), kind: "refuse", code: "read-failed", message: /stops at line 3/ },
];

describe("sniffFormat", () => {
  it.each(cases)("sniff: $name → $kind", ({ bytes, path: p, kind, code, message }) => {
    const s = sniffFormat(bytes, bytes.length, p ?? "file.csv");
    expect(s.kind).toBe(kind);
    if (code) expect(s).toMatchObject({ code });
    if (message) expect("message" in s ? s.message : "").toMatch(message);
  });

  it("sniff: a head that is blank but shorter than the file is not called empty", () => {
    expect(sniffFormat(b("\n\n"), 10_000, "a.csv").kind).toBe("text");
  });
});

describe("classifyZip", () => {
  it.each([
    { names: ["[Content_Types].xml", "xl/workbook.xml"], kind: "xlsx" },
    { names: ["xl/worksheets/sheet1.xml"], kind: "xlsx" },
    { names: ["mimetype", "content.xml"], mimetype: "application/vnd.oasis.opendocument.spreadsheet", kind: "refuse", message: /\.ods/ },
    { names: ["mimetype", "content.xml"], mimetype: "application/vnd.oasis.opendocument.text", kind: "refuse", message: /OpenDocument file/ },
    { names: ["[Content_Types].xml", "xl/workbook.bin"], kind: "refuse", message: /\.xlsb/ },
    { names: ["Index/Document.iwa", "Metadata/Properties.plist"], kind: "refuse", message: /Apple Numbers/ },
    { names: ["[Content_Types].xml", "word/document.xml"], kind: "refuse", message: /Word document/ },
  ])("zip holding $names → $kind", ({ names, mimetype, kind, message }) => {
    const c = classifyZip(names, mimetype);
    expect(c.kind).toBe(kind);
    if (message) expect("message" in c ? c.message : "").toMatch(message);
  });
});

describe("OLE2 containers (corpus files)", () => {
  it.each([
    { file: "xlsx/poi--protect.xlsx", code: "file-encrypted", message: /password-protected/ },
    { file: "xlsx/poi--protected_sha512.xlsx", code: "file-encrypted", message: /password-protected/ },
    { file: "xlsx/poi--extenxls_pwd123.xlsx", code: "file-encrypted", message: /password-protected/ },
    { file: "xlsx/sheetjs--1904.xls.xlsx", code: "format-unsupported", message: /legacy Excel 97-2003 \.xls file: open it in Excel and save it as \.xlsx/ },
    { file: "xlsx/sheetjs--password_2002_40_xor.xls.xlsx", code: "format-unsupported", message: /legacy Excel 97-2003/ },
  ])("cfb: $file is $code", ({ file, code, message }) => {
    const bytes = new Uint8Array(readFileSync(path.join(CORPUS_DIR, file)));
    const c = classifyCfb(listCfbNames(bytes));
    expect(c.code).toBe(code);
    expect(c.message).toMatch(message);
  });

  it("cfb: a damaged directory still shows its stream names to the byte scan", () => {
    const name = (s: string) => [...Buffer.from(`${s}\u0000`, "utf16le")];
    const bytes = b([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(100).fill(0xff), name("EncryptionInfo"), name("EncryptedPackage"));
    expect(listCfbNames(bytes)).toEqual(["EncryptionInfo", "EncryptedPackage"]);
  });
});
