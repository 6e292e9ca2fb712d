import { crc32, deflateRawSync } from "node:zlib";

/** One entry of a hand-made zip, with knobs for damaging it. */
export interface ZipEntrySpec {
  name: string;
  data: string | Uint8Array;
  /** Store instead of deflating. */
  store?: boolean;
  /** Write this uncompressed size in the headers instead of the real one. */
  declaredSize?: number;
  /** Write this CRC-32 instead of the real one. */
  crc?: number;
  /** Set the "encrypted" flag (bit 0). */
  encryptedFlag?: boolean;
}

/**
 * A minimal zip writer for tests: local headers, data, central directory, end record. It lets a
 * test build packages exceljs would never write (lying sizes, bad CRCs, odd part names).
 */
export function makeZip(entries: ZipEntrySpec[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.from(typeof e.data === "string" ? new TextEncoder().encode(e.data) : e.data);
    const body = e.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(e.name, "utf8");
    const crc = e.crc ?? crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const flags = 0x800 | (e.encryptedFlag ? 1 : 0);
    const method = e.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cdBuf, end]));
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts of a one-sheet workbook around the given sheetData XML; override any part by name. */
export function workbookParts(opts: {
  sheetData: string;
  sharedStrings?: string[];
  styles?: string;
  workbookPr?: string;
  sheetName?: string;
  extra?: ZipEntrySpec[];
  omit?: string[];
  override?: Record<string, string | Uint8Array>;
}): ZipEntrySpec[] {
  const sst = opts.sharedStrings
    ? `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${opts.sharedStrings.length}" uniqueCount="${opts.sharedStrings.length}">${opts.sharedStrings
        .map((s) => `<si>${s.startsWith("<") ? s : `<t xml:space="preserve">${s}</t>`}</si>`)
        .join("")}</sst>`
    : undefined;
  const parts: Record<string, string | Uint8Array | undefined> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${opts.workbookPr ?? ""}<sheets><sheet name="${opts.sheetName ?? "Data"}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    "xl/sharedStrings.xml": sst,
    "xl/styles.xml": opts.styles,
    "xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${opts.sheetData}</sheetData></worksheet>`,
    ...opts.override,
  };
  const out: ZipEntrySpec[] = [];
  for (const [name, data] of Object.entries(parts)) if (data !== undefined && !opts.omit?.includes(name)) out.push({ name, data });
  return [...out, ...(opts.extra ?? [])];
}
