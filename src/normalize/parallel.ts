import type { Value } from "../schema/kind.js";
import type { CsvSegment, IngestEvent, RawSheet, Table } from "../schema/table.js";
import type { BatchMessage } from "./batch.js";
import { findingAt, type Place } from "./findings.js";
import type { SpanDecoder } from "./decode.js";
import type { SegmentPool } from "./segment-pool.js";
import type { SegmentAnswer, TableMessage, WireEvent } from "./segment-protocol.js";
import type { NormalizerState, SheetNormalizer } from "./sheet.js";

/** Bytes of whole records sent to a worker at a time. */
export const SEGMENT_BYTES = 4 * 1024 * 1024;
/** Segments a worker may hold at once (one being read, one waiting), so it never idles and memory stays bounded. */
const PER_WORKER = 2;

/** What reading a CSV table in worker threads needs from the caller. */
export interface ParallelTable {
  table: Table;
  /** Where the table is, for a finding about reading it. */
  place: Place;
  /** The table as the workers learn it. */
  message: TableMessage;
  /** This thread's normalizer and decoder of the table, past the header: they read what the workers do not. */
  normalizer: SheetNormalizer;
  decoder: SpanDecoder;
  pool: SegmentPool;
  /** Bytes of whole records a worker reads at a time. */
  segmentBytes: number;
}

/**
 * Read the rest of a CSV table with worker threads, handing over exactly the events one thread would:
 * the reader cuts the file into segments of whole records (`RawSheet.segments`); each worker reads a
 * segment from the state a table is in between two plain rows; this thread takes the answers in file
 * order and keeps one only if the part before it really ended in that state (its last row was plain
 * data, nothing was held back, no blank lines fell at the cut). Otherwise — and when a worker fails,
 * a segment does not parse, or the reader stops segmenting (a problem, the row limit near) — this
 * thread reads on itself from that point (`resume`), so problems and findings are the reader's own.
 */
export async function* readInParallel(sheet: RawSheet, t: ParallelTable): AsyncGenerator<IngestEvent[]> {
  const { spans, segments } = sheet.segments!(t.segmentBytes);
  const { normalizer, decoder, pool } = t;
  let out: IngestEvent[] = [];
  // ── The records the reader has parsed already: here ──
  if (spans) decoder.push(spans, out);
  decoder.end(out);
  if (out.length) {
    yield out;
    out = [];
  }
  // ── Segments: read ahead by the workers, taken in order ──
  const source = segments[Symbol.asyncIterator]();
  const reading: { segment: CsvSegment; answer: Promise<SegmentAnswer> }[] = [];
  let more = true;
  const readAhead = async () => {
    while (more && reading.length < pool.size * PER_WORKER) {
      const next = await source.next();
      if (next.done) {
        more = false;
        break;
      }
      const segment = next.value;
      // The pieces go to the worker (transferred, not copied) and come back with its answer.
      const from: NormalizerState = { rows: 1, lastRow: segment.line - 1, pending: [], reported: [], held: 0 };
      reading.push({ segment, answer: pool.read(t.message, { pieces: segment.pieces, line: segment.line, delimiter: segments.delimiter, state: from }) });
    }
  };
  let records = 0;
  let unread: CsvSegment[] | undefined;
  /** This thread's copies of the workers' dictionaries of coded columns, by name. */
  const dictionaries = new Map<string, Value[]>();
  await readAhead();
  while (reading.length > 0) {
    const { segment, answer } = reading.shift()!;
    const a = await answer;
    const here = normalizer.state();
    if (a.t !== "done" || !continues(here, segment, a.events) || !a.dictionaries.every((d) => (dictionaries.get(d.id)?.length ?? 0) === d.from)) {
      // This thread reads on from this segment: it needs the bytes of it and of those read ahead.
      const back = [{ segment, a }, ...(await Promise.all(reading.map(async (r) => ({ segment: r.segment, a: await r.answer }))))];
      reading.length = 0;
      unread = back.map(({ segment: s, a: x }) => ({ ...s, pieces: x.pieces ?? [] }));
      const lost = back.find(({ a: x }) => !x.pieces);
      if (lost) {
        // A worker died holding the bytes: the file cannot be read on, and must not look complete.
        await source.return?.();
        const why = lost.a.t === "failed" ? lost.a.why : "";
        out.push({ type: "finding", finding: findingAt(t.place, "read-failed", `reading stopped at line ${lost.segment.line}: a worker thread reading the file failed (${why}); the rows after it are missing`, { row: lost.segment.line }) });
        decoder.end(out);
        yield out;
        return;
      }
      break;
    }
    for (const d of a.dictionaries) {
      const copy = dictionaries.get(d.id) ?? [];
      dictionaries.set(d.id, copy);
      copy.push(...d.entries);
    }
    for (const e of a.events) out.push(unwire(e, t.table, decoder, dictionaries));
    normalizer.restore({ rows: here.rows + a.end.rows - 1, lastRow: a.end.lastRow, pending: a.end.pending, reported: [...new Set([...here.reported, ...a.end.reported])], held: 0 });
    records += a.records;
    if (out.length) {
      yield out;
      out = [];
    }
    await readAhead();
  }
  // ── The rest (or everything from a segment that could not be taken): here ──
  await source.return?.();
  for await (const s of segments.resume(records, unread ?? [])) {
    decoder.push(s, out);
    if (out.length) {
      yield out;
      out = [];
    }
  }
  decoder.end(out);
  if (out.length) yield out;
}

/**
 * Whether a segment read from the state between two plain rows may follow this state: a data row was
 * read, nothing is held back, the last row ends just before the segment, and a column already reported
 * as data under a blank header is not reported again.
 */
function continues(here: NormalizerState, segment: CsvSegment, events: readonly WireEvent[]): boolean {
  if (here.rows === 0 || here.pending.length > 0 || here.held > 0 || here.lastRow !== segment.line - 1) return false;
  return here.reported.length === 0 || !events.some((e) => e.type === "finding" && e.finding.code === "missing-label");
}

/** A worker's event as this thread's: rows and totals get the table back, batches their readers. */
function unwire(e: WireEvent, table: Table, decoder: SpanDecoder, dictionaries: ReadonlyMap<string, readonly Value[]>): IngestEvent {
  switch (e.type) {
    case "row":
      return { type: "row", row: { table, row: e.row, values: e.values } };
    case "total":
      return { type: "total", total: { table, row: e.row, label: e.label, values: e.values, subtotal: e.subtotal } };
    case "finding":
      return e;
    case "batch":
      return { type: "batch", batch: decoder.batchOf(e.batch as BatchMessage, dictionaries) };
  }
}
