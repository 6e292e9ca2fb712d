/**
 * A segment worker: reads segments of CSV tables the main thread sends (`parallel.ts`) with the same
 * parser, decoder and normalizer as the main thread, and posts back each segment's events and the
 * normalizer state it ended in. Any problem (a record left unclosed by a misplaced cut, a real error
 * in the file) is answered `failed`: the main thread then reads that part itself, so the finding is
 * the reader's own.
 */
import { parentPort, threadId } from "node:worker_threads";
import { CsvParser } from "../read/csv-parser.js";
import { SpanWriter } from "../read/spans.js";
import type { IngestEvent } from "../schema/table.js";
import { batchMessage, type ColumnBatch } from "./batch.js";
import { SpanDecoder } from "./decode.js";
import { planTable } from "./plan.js";
import type { SegmentAnswer, SegmentMessage, TableMessage, ToSegmentWorker, WireEvent } from "./segment-protocol.js";
import { SheetNormalizer } from "./sheet.js";

const port = parentPort!;
const tables = new Map<number, { normalizer: SheetNormalizer; decoder: SpanDecoder; writer: SpanWriter }>();

port.on("message", (m: ToSegmentWorker) => {
  if (m.t === "table") learn(m);
  else read(m);
});

function learn(m: TableMessage): void {
  const plan = planTable(m.header, m.kind, m.kindName, m.place, { dateOrder: m.dateOrder, roundNoise: m.roundNoise, sexAliases: m.sexAliases });
  const normalizer = new SheetNormalizer(plan);
  tables.set(m.id, { normalizer, decoder: new SpanDecoder(plan, normalizer), writer: new SpanWriter() });
}

function read(m: SegmentMessage): void {
  const t = tables.get(m.table);
  if (!t) {
    answer({ t: "failed", seq: m.seq, why: `table ${m.table} is not known`, pieces: m.pieces }, piecesOf(m));
    return;
  }
  try {
    t.normalizer.restore(m.state);
    const parser = new CsvParser(m.delimiter, m.line);
    const out: IngestEvent[] = [];
    let records = 0;
    // Piece by piece: a batch holds rows of one buffer, so its text cells can travel with that buffer.
    const take = (buf: Uint8Array) => {
      const spans = t.writer.take(buf);
      records += spans.count;
      t.decoder.push(spans, out);
      t.decoder.end(out);
    };
    for (const piece of m.pieces) take(parser.push(piece, t.writer, take));
    take(parser.end(t.writer));
    const transfer = new Set<ArrayBuffer>(piecesOf(m));
    const dictId = (k: number) => dictionaryId(m.table, k);
    const events = out.map((e) => wire(e, transfer, dictId));
    const dictionaries = t.decoder.dictionaryDeltas().map((d) => ({ id: dictId(d.k), from: d.from, entries: d.entries }));
    answer({ t: "done", seq: m.seq, events, records, end: t.normalizer.state(), pieces: m.pieces, dictionaries }, [...transfer]);
  } catch (err) {
    // Nothing of a segment that failed may reach the next one: drop what the writer and decoder hold.
    t.writer.take(new Uint8Array(0));
    t.decoder.end([]);
    answer({ t: "failed", seq: m.seq, why: err instanceof Error ? err.message : String(err), pieces: m.pieces }, piecesOf(m));
  }
}

function piecesOf(m: SegmentMessage): ArrayBuffer[] {
  return [...new Set(m.pieces.map((p) => p.buffer as ArrayBuffer))];
}

/** The name of a coded column's dictionary in this worker: the main thread keeps a copy by this name. */
function dictionaryId(table: number, k: number): string {
  return `${threadId}:${table}:${k}`;
}

function wire(e: IngestEvent, transfer: Set<ArrayBuffer>, dictId: (k: number) => string): WireEvent {
  switch (e.type) {
    case "row":
      return { type: "row", row: e.row.row, values: e.row.values };
    case "total":
      return { type: "total", row: e.total.row, label: e.total.label, values: e.total.values, subtotal: e.total.subtotal };
    case "finding":
      return e;
    case "batch": {
      const { message, transfer: t } = batchMessage(e.batch as ColumnBatch, dictId);
      for (const b of t) transfer.add(b);
      return { type: "batch", batch: message };
    }
    default:
      throw new Error(`internal: a segment gave a ${e.type} event`);
  }
}

function answer(a: SegmentAnswer, transfer: ArrayBuffer[]): void {
  port.postMessage(a, transfer);
}
