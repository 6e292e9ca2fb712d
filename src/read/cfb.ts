/**
 * The names of the streams in an OLE2 / Compound File Binary container (MS-CFB): enough to tell an
 * encrypted xlsx (`EncryptionInfo` + `EncryptedPackage`) from a legacy `.xls` (`Workbook`/`Book`).
 * Damaged containers fall back to scanning the bytes for the UTF-16 names.
 */
export function listCfbNames(b: Uint8Array): string[] {
  try {
    const names = readDirectory(b);
    if (names.length > 0) return names;
  } catch {
    // A damaged header or chain: fall through to the scan.
  }
  return scanNames(b);
}

const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTORS = 1 << 16;

function readDirectory(b: Uint8Array): string[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) throw new Error("bad sector size");
  const size = 1 << shift;
  const sectorOffset = (n: number): number => (n + 1) * size;
  const fatSectors = view.getUint32(0x2c, true);
  const dirStart = view.getUint32(0x30, true);
  const fat: number[] = [];
  for (let i = 0; i < Math.min(fatSectors, 109); i++) {
    const s = view.getUint32(0x4c + 4 * i, true);
    const off = sectorOffset(s);
    if (off + size > b.length) break;
    for (let j = 0; j < size; j += 4) fat.push(view.getUint32(off + j, true));
  }
  const names: string[] = [];
  const seen = new Set<number>();
  for (let s = dirStart; s !== END_OF_CHAIN && s < fat.length + 1 && !seen.has(s) && seen.size < MAX_SECTORS; s = fat[s] ?? END_OF_CHAIN) {
    seen.add(s);
    const off = sectorOffset(s);
    if (off + size > b.length) break;
    for (let e = off; e < off + size; e += 128) {
      const type = b[e + 66];
      const len = view.getUint16(e + 64, true);
      if (type === 0 || len < 2 || len > 64) continue;
      names.push(new TextDecoder("utf-16le").decode(b.subarray(e, e + len - 2)));
    }
  }
  return names;
}

const KNOWN = ["EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "WordDocument", "PowerPoint Document"];

function scanNames(b: Uint8Array): string[] {
  const text = new TextDecoder("utf-16le").decode(b.subarray(0, b.length & ~1));
  const odd = new TextDecoder("utf-16le").decode(b.subarray(1, 1 + ((b.length - 1) & ~1)));
  return KNOWN.filter((n) => text.includes(`${n}\u0000`) || odd.includes(`${n}\u0000`));
}
