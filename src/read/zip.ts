import { close, createReadStream, fstat, open as openFile, read } from "node:fs";
import { promisify } from "node:util";
import { pipeline, Readable } from "node:stream";
import { crc32, createInflateRaw } from "node:zlib";
import yauzl from "yauzl";
import { mb } from "./size.js";
import { fmt, ReadProblem } from "./problem.js";

/** The most inflated bytes handed out at a time. */
const INFLATE_CHUNK_BYTES = 256 * 1024;
/** Bytes read from a workbook on disk at a time (yauzl's own file reader reads 16 KB, each a round trip to the thread pool). */
const FILE_READ_BYTES = 1024 * 1024;

/** Where a zip's bytes are: in memory, or in a file on disk, read by random access and never held whole. */
export type ZipSource = { bytes: Uint8Array } | { file: string };

/** Limits a zip is opened under. */
export interface ZipLimits {
  maxUnzippedMb: number;
  maxEntryMb: number;
  maxEntries: number;
}

/** Part names are case-insensitive in OPC and some writers use backslashes or a leading slash. */
export const partKey = (name: string): string => name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase();

/**
 * A zip opened from memory or read in place from its file (never extracted, so hostile entry names
 * such as `../../etc/x` are just strings). Opening checks the structure and the declared sizes;
 * reading a part checks the bytes actually inflated against the declared size and the limit, and
 * the CRC-32.
 */
export class ZipPackage {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    readonly names: string[],
    private readonly limits: ZipLimits,
  ) {}

  /** Open and vet a zip: `zip-corrupt`, `zip-bomb` or `file-encrypted` problems are thrown (`read-failed` when the file cannot be opened). */
  static async open(source: ZipSource, limits: ZipLimits): Promise<ZipPackage> {
    const zip = await openYauzl(source);
    try {
      if (zip.entryCount > limits.maxEntries)
        throw new ReadProblem("zip-bomb", `the workbook holds ${fmt(zip.entryCount)} parts; more than ${fmt(limits.maxEntries)} is not a real workbook`);
      const list = (await listEntries(zip)).filter((e) => !e.fileName.endsWith("/"));
      const entries = new Map<string, yauzl.Entry>();
      let total = 0;
      const entryLimit = mb(limits.maxEntryMb);
      for (const e of list) {
        const key = partKey(e.fileName);
        if (entries.has(key))
          throw new ReadProblem("zip-corrupt", `the xlsx (zip) file is damaged: it holds two parts named ${e.fileName}${entries.get(key)!.fileName !== e.fileName ? ` and ${entries.get(key)!.fileName}` : ""}`);
        if (e.isEncrypted())
          throw new ReadProblem("file-encrypted", "the zip inside the file is password-protected (encrypted entries); Excel never writes this: save an unprotected copy from Excel");
        if (e.uncompressedSize > entryLimit)
          throw new ReadProblem("zip-bomb", `${e.fileName} would expand to ${fmt(Math.round(e.uncompressedSize / 1048576))} MB; the limit is ${fmt(limits.maxEntryMb)} MB (limits.max_entry_mb)`);
        total += e.uncompressedSize;
        entries.set(key, e);
      }
      if (total > mb(limits.maxUnzippedMb))
        throw new ReadProblem("zip-bomb", `the workbook would expand to ${fmt(Math.round(total / 1048576))} MB; the limit is ${fmt(limits.maxUnzippedMb)} MB (limits.max_unzipped_mb)`);
      if (entries.size === 0) throw new ReadProblem("zip-corrupt", "not a valid xlsx file: the zip archive is empty");
      return new ZipPackage(zip, entries, list.map((e) => e.fileName), limits);
    } catch (err) {
      zip.close(); // a file's descriptor is released at once
      throw err;
    }
  }

  /** Whether a part exists (case-insensitive). */
  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /** The part's name as stored in the zip. */
  storedName(name: string): string | undefined {
    return this.entries.get(partKey(name))?.fileName;
  }

  /** Declared uncompressed size of a part. */
  size(name: string): number {
    return this.entries.get(partKey(name))?.uncompressedSize ?? 0;
  }

  /** Stream a part's inflated bytes, never more than `capBytes` (default: the per-entry limit). */
  async *stream(name: string, capBytes = mb(this.limits.maxEntryMb)): AsyncGenerator<Uint8Array> {
    const entry = this.entries.get(partKey(name));
    if (!entry) throw new ReadProblem("zip-corrupt", `the workbook has no part ${name}`);
    // A deflated part is inflated here rather than by yauzl, in larger pieces: yauzl's inflater hands
    // out 16 KB at a time, each a round trip to zlib's thread (a 200k-row sheet: 5,500 of them, 0.39 s
    // against 0.11 s). Its checks on the inflated size are then made below.
    const deflated = entry.compressionMethod === 8;
    const raw = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, deflated ? { decompress: false } : {}, (err, s) => (err || !s ? reject(err) : resolve(s))),
    ).catch((err: unknown) => {
      throw new ReadProblem("zip-corrupt", `${entry.fileName} cannot be read: ${describeZipError(err)}`);
    });
    const stream = deflated ? pipeline(raw, createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }), () => {}) : raw;
    let crc = 0;
    let n = 0;
    let finished = false;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        n += chunk.length;
        if (n > capBytes)
          throw new ReadProblem("zip-bomb", `${entry.fileName} expands beyond ${fmt(Math.round(capBytes / 1048576))} MB; reading stopped`);
        if (n > entry.uncompressedSize) throw beyondDeclared(entry);
        crc = crc32(chunk, crc);
        yield chunk;
      }
      if (n < entry.uncompressedSize) throw new ReadProblem("zip-corrupt", `${entry.fileName} is damaged: ${describeZipError("not enough bytes")}`);
      finished = true;
    } catch (err) {
      if (err instanceof ReadProblem) throw err;
      const msg = err instanceof Error ? err.message : String(err);
      if (/too many bytes/.test(msg)) throw beyondDeclared(entry);
      throw new ReadProblem("zip-corrupt", `${entry.fileName} is damaged: ${describeZipError(err)}`);
    } finally {
      if (!finished) {
        stream.destroy();
        raw.destroy();
      }
    }
    if ((crc >>> 0) !== (entry.crc32 >>> 0))
      throw new ReadProblem("zip-corrupt", `${entry.fileName} fails its checksum (CRC-32): the file is damaged`);
  }

  /** A whole (small) part, at most `capBytes`. */
  async read(name: string, capBytes: number): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const c of this.stream(name, capBytes)) chunks.push(c);
    return Buffer.concat(chunks);
  }

  /** Release the zip. */
  close(): void {
    this.zip.close();
  }
}

const KEEP_OPEN = (_fd: number, callback: (err: NodeJS.ErrnoException | null) => void): void => callback(null);

/** yauzl's view of the zip: its directory read, its entries not yet. */
async function openYauzl(source: ZipSource): Promise<yauzl.ZipFile> {
  // decodeStrings: false, because yauzl then refuses names like `../../x` (zip slip). We never
  // extract, so such names are harmless strings; `listEntries` decodes them.
  const options = { lazyEntries: true, validateEntrySizes: true, decodeStrings: false, autoClose: false };
  let fd: number | undefined;
  try {
    if ("file" in source) fd = await promisify(openFile)(source.file, "r");
    const size = fd === undefined ? 0 : (await promisify(fstat)(fd)).size;
    return await new Promise<yauzl.ZipFile>((resolve, reject) => {
      const done = (err: Error | null, z?: yauzl.ZipFile): void => (err || !z ? reject(err) : resolve(z));
      if (fd !== undefined) yauzl.fromRandomAccessReader(new FileReader(fd), size, options, done);
      else if ("bytes" in source) yauzl.fromBuffer(Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength), options, done);
    });
  } catch (err) {
    if (fd !== undefined) close(fd, () => {}); // yauzl never took it (it closes nothing when opening fails)
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === "string" && code.startsWith("E")) throw new ReadProblem("read-failed", `the file cannot be read (${code}): ${(err as Error).message}`);
    throw new ReadProblem("zip-corrupt", `not a valid xlsx (zip) file: ${describeZipError(err)}`);
  }
}

/** Every entry of the zip's directory, names decoded as written (see `openYauzl`). */
function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise<yauzl.Entry[]>((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on("entry", (e: yauzl.Entry) => {
      e.fileName = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, e.extraFields, false);
      out.push(e);
      zip.readEntry();
    });
    zip.on("end", () => resolve(out));
    zip.on("error", reject);
    zip.readEntry();
  }).catch((err: unknown) => {
    throw new ReadProblem("zip-corrupt", `the xlsx (zip) file is damaged: ${describeZipError(err)}`);
  });
}

/** yauzl's reader of a workbook on disk, reading it in large pieces (see `FILE_READ_BYTES`); closes the file when yauzl is done with it. */
class FileReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
    this.on("error", () => {}); // a failed close: nothing left to do
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end <= start) return Readable.from([]);
    // A destroyed fs stream closes its descriptor whatever `autoClose` says, and yauzl destroys each
    // range's stream: the file is closed by `close` alone.
    return createReadStream("", { fd: this.fd, start, end: end - 1, highWaterMark: FILE_READ_BYTES, autoClose: false, fs: { read, close: KEEP_OPEN } });
  }

  override close(callback: (err: Error | null) => void): void {
    close(this.fd, (err) => callback(err));
  }
}

/** A part that inflates to more bytes than its header declares. */
function beyondDeclared(entry: yauzl.Entry): ReadProblem {
  return new ReadProblem("zip-bomb", `${entry.fileName} inflates to more than the ${fmt(entry.uncompressedSize)} bytes its zip header declares (a zip bomb or a damaged file); reading stopped`);
}

/** yauzl's and zlib's messages, in words a user can act on. */
function describeZipError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/end of central directory record signature not found/i.test(msg))
    return "its directory (at the end of the file) is missing; the file is truncated or is not a zip";
  if (/invalid (central directory|local file) (file )?header signature/i.test(msg)) return "its directory points at data that is not there; the file is truncated or damaged";
  if (/unexpected end of file|not enough bytes/i.test(msg)) return "the compressed data ends too early; the file is truncated";
  if (/unexpected EOF/i.test(msg)) return "its directory runs past the end of the file; the file is truncated or damaged";
  if (/invalid|incorrect|unknown compression|Z_DATA_ERROR/i.test(msg)) return `the compressed data is corrupt (${msg})`;
  if (/unsupported compression method/i.test(msg)) return `it uses a compression method Excel never writes (${msg})`;
  if (/overflows file bounds/i.test(msg)) return "a part claims to extend past the end of the file; the file is truncated or damaged";
  return msg;
}
