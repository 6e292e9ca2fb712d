/**
 * Set every entry's modification time in a zip package (docx, xlsx) to one date. The zip writers
 * inside docx and exceljs stamp entries with the current time, so two renders of the same report
 * would differ byte for byte; with the report's date stamped instead, the same inputs and `--date`
 * (or SOURCE_DATE_EPOCH) give the same bytes, and a donor can compare files by hash.
 * Returns a copy; a package whose directory cannot be found is returned unchanged.
 * @example stampZipTimes(await Packer.toBuffer(doc), "2023-01-07")
 */
export function stampZipTimes(bytes: Uint8Array, isoDate: string): Uint8Array {
  const buf = Buffer.from(bytes);
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  if (!(y >= 1980 && y <= 2107 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return bytes;
  const dosDate = ((y - 1980) << 9) | (m << 5) | d;
  const eocd = endOfDirectory(buf);
  if (eocd < 0) return bytes;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return bytes;
    const local = buf.readUInt32LE(at + 42);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return bytes;
    buf.writeUInt16LE(0, at + 12);
    buf.writeUInt16LE(dosDate, at + 14);
    buf.writeUInt16LE(0, local + 10);
    buf.writeUInt16LE(dosDate, local + 12);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/** Offset of the end-of-central-directory record (signature 0x06054b50), searched from the end. */
function endOfDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}
