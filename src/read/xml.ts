import { ReadProblem } from "./problem.js";
import { detectBom } from "./sniff.js";
import { XmlScanner, type XmlHandlers } from "./xml-scan.js";

export type { XmlHandlers } from "./xml-scan.js";

/** Bytes of a part scanned between two `afterChunk` calls, at most. */
const XML_PIECE_BYTES = 16 * 1024;

/** Callbacks of `parseXml`: the scanner's, plus a hook after each piece of input (at most 16 KB). */
export interface StreamHandlers extends XmlHandlers {
  /** Called after each piece of input; may return a promise (flow control) or `true` to stop early. */
  afterChunk?(): Promise<boolean | void> | boolean | void;
}

/** An attribute by local name (`r:id`, `id` and `ns1:id` all match `id`). */
export function attr(attrs: Record<string, string>, local: string): string | undefined {
  const direct = attrs[local];
  if (direct !== undefined) return direct;
  for (const k in attrs) if (k.endsWith(`:${local}`) && !k.startsWith("xmlns")) return attrs[k];
  return undefined;
}

/**
 * Parse one XML part of a workbook, streamed from its inflated chunks: text is decoded per the
 * part's BOM (UTF-8 or UTF-16, strictly), then scanned by `XmlScanner` (no DTDs, no entity
 * expansion, bounded nesting).
 */
export async function parseXml(chunks: AsyncIterable<Uint8Array>, part: string, h: StreamHandlers, maxDepth: number): Promise<void> {
  const scanner = new XmlScanner(part, h, maxDepth);
  let decoder: TextDecoder | undefined;
  try {
    for await (const chunk of chunks) {
      decoder ??= new TextDecoder(detectBom(chunk)?.encoding ?? "utf-8", { fatal: true });
      // In pieces: the handlers' batches stay the size they would be for a piece, however large the
      // chunks the zip hands out.
      for (let at = 0; at < chunk.length; at += XML_PIECE_BYTES) {
        scanner.write(decoder.decode(chunk.subarray(at, at + XML_PIECE_BYTES), { stream: true }));
        if ((await h.afterChunk?.()) === true) return;
      }
    }
    scanner.write(decoder?.decode() ?? "");
    scanner.close();
  } catch (err) {
    if (err instanceof TypeError && /encoded data was not valid/i.test(err.message)) throw new ReadProblem("read-failed", `${part} is not valid UTF-8 text: the workbook is damaged`);
    throw err;
  }
}
