import { ReadProblem } from "./problem.js";
import { detectBom } from "./sniff.js";
import { XmlScanner, type XmlHandlers } from "./xml-scan.js";

export type { XmlHandlers } from "./xml-scan.js";
export type { XmlAttrs, XmlText } from "./xml-views.js";

/** Bytes of a part scanned between two `afterChunk` calls, at most. */
const XML_PIECE_BYTES = 16 * 1024;

/** Callbacks of `parseXml`: the scanner's, plus a hook after each piece of input (at most 16 KB). */
export interface StreamHandlers extends XmlHandlers {
  /** Called after each piece of input; may return a promise (flow control) or `true` to stop early. */
  afterChunk?(): Promise<boolean | void> | boolean | void;
}

/**
 * Parse one XML part of a workbook, streamed from its inflated chunks, with `XmlScanner` (UTF-8
 * checked, no DTDs, no entity expansion, bounded nesting). A part with a UTF-16 byte-order mark is
 * decoded strictly and scanned as UTF-8.
 */
export async function parseXml(chunks: AsyncIterable<Uint8Array>, part: string, h: StreamHandlers, maxDepth: number): Promise<void> {
  const scanner = new XmlScanner(part, h, maxDepth);
  let utf16: TextDecoder | undefined;
  let first = true;
  try {
    for await (let chunk of chunks) {
      if (first) {
        first = false;
        const bom = detectBom(chunk);
        if (bom?.encoding === "utf-8") chunk = chunk.subarray(bom.length);
        else if (bom) utf16 = new TextDecoder(bom.encoding, { fatal: true });
      }
      // In pieces: the handlers' batches stay the size they would be for a piece, however large the
      // chunks the zip hands out.
      for (let at = 0; at < chunk.length; at += XML_PIECE_BYTES) {
        const piece = chunk.subarray(at, at + XML_PIECE_BYTES);
        scanner.write(utf16 ? Buffer.from(utf16.decode(piece, { stream: true }), "utf8") : piece);
        if ((await h.afterChunk?.()) === true) return;
      }
    }
    if (utf16) scanner.write(Buffer.from(utf16.decode(), "utf8"));
    scanner.close();
  } catch (err) {
    if (err instanceof TypeError && /encoded data was not valid/i.test(err.message)) throw new ReadProblem("read-failed", `${part} is not valid UTF-16 text: the workbook is damaged`);
    throw err;
  }
}
