import { SaxesParser } from "saxes";
import { fmt, ReadProblem } from "./problem.js";
import { detectBom } from "./sniff.js";

/** Callbacks of `parseXml`. Element names are local (any `x:` or `ns0:` prefix removed). */
export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text?(text: string): void;
  /** Called after each chunk of input; may return a promise (flow control) or `true` to stop early. */
  afterChunk?(): Promise<boolean | void> | boolean | void;
}

/** An attribute by local name (`r:id`, `id` and `ns1:id` all match `id` when `prefixed` is false). */
export function attr(attrs: Record<string, string>, local: string): string | undefined {
  const direct = attrs[local];
  if (direct !== undefined) return direct;
  for (const k in attrs) if (k.endsWith(`:${local}`) && !k.startsWith("xmlns")) return attrs[k];
  return undefined;
}

const localName = (name: string): string => {
  const i = name.indexOf(":");
  return i === -1 ? name : name.slice(i + 1);
};

/**
 * Parse one XML part of a workbook, streamed. External entities are never fetched and DTDs are
 * refused outright (OPC forbids them, and they are the vehicle of XXE and entity-expansion bombs);
 * nesting deeper than `maxDepth` is refused. Text is decoded per the part's BOM (UTF-8 or UTF-16);
 * malformed XML becomes a `read-failed` problem naming the part and the line.
 */
export async function parseXml(chunks: AsyncIterable<Uint8Array>, part: string, h: XmlHandlers, maxDepth: number): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let depth = 0;
  let failure: unknown;
  parser.on("doctype", () => {
    throw new ReadProblem("xml-unsafe", `${part} declares a DTD (<!DOCTYPE>); Excel never writes one and it can carry entity attacks (XXE, billion laughs): the part was refused, nothing was resolved`);
  });
  parser.on("opentag", (tag) => {
    if (++depth > maxDepth) throw new ReadProblem("xml-unsafe", `${part} nests elements more than ${fmt(maxDepth)} deep; no real workbook does: the part was refused`);
    h.open(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on("closetag", (tag) => {
    depth--;
    h.close(localName(tag.name));
  });
  if (h.text) {
    const onText = h.text;
    parser.on("text", onText);
    parser.on("cdata", onText);
  }
  parser.on("error", (err) => {
    failure ??= err;
    throw err;
  });

  let decoder: TextDecoder | undefined;
  try {
    for await (const chunk of chunks) {
      if (!decoder) {
        const bom = detectBom(chunk);
        decoder = new TextDecoder(bom?.encoding ?? "utf-8", { fatal: true });
      }
      parser.write(decoder.decode(chunk, { stream: true }));
      const stop = await h.afterChunk?.();
      if (stop === true) return;
    }
    if (decoder) parser.write(decoder.decode());
    parser.close();
  } catch (err) {
    if (err instanceof ReadProblem) throw err;
    const e = failure ?? err;
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof TypeError && /encoded data was not valid/i.test(msg)) throw new ReadProblem("read-failed", `${part} is not valid UTF-8 text: the workbook is damaged`);
    const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(msg);
    const where = m ? ` (line ${m[1]}, column ${m[2]}: ${m[3]!.replace(/\.$/, "")})` : ` (${msg})`;
    throw new ReadProblem("read-failed", `${part} is not well-formed XML${where}: the workbook is damaged`);
  }
}
