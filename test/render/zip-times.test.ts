import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { stampZipTimes } from "../../src/render/zip-times.js";
import { unzipText } from "./docx/extract.js";

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date("2023-01-07T00:00:00Z"); // the document's own dates, fixed as the renderer does
  wb.addWorksheet("S").addRow(["a", 1]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The DOS dates of every central-directory entry. */
function entryDates(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes);
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const dates: number[] = [];
  for (let n = 0, at = buf.readUInt32LE(eocd + 16); n < buf.readUInt16LE(eocd + 10); n++) {
    dates.push(buf.readUInt16LE(at + 14));
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return dates;
}

describe("stampZipTimes", () => {
  it("stamps every entry with the report's date and keeps the package readable", async () => {
    const stamped = stampZipTimes(await workbook(), "2023-01-07");
    expect(new Set(entryDates(stamped))).toEqual(new Set([((2023 - 1980) << 9) | (1 << 5) | 7]));
    expect([...(await unzipText(stamped)).keys()]).toContain("xl/workbook.xml");
  });

  it("makes two writes of the same workbook identical byte for byte", async () => {
    const a = stampZipTimes(await workbook(), "2023-01-07");
    await new Promise((r) => setTimeout(r, 2100)); // zip times have a 2-second resolution
    const b = stampZipTimes(await workbook(), "2023-01-07");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("returns bytes that are not a zip, or a date it cannot stamp, unchanged", () => {
    const text = new TextEncoder().encode("not a zip at all, just some text that is long enough");
    expect(stampZipTimes(text, "2023-01-07")).toBe(text);
    expect(stampZipTimes(text, "1970-01-01")).toBe(text);
  });
});
