import type { Finding } from "../errors/finding.js";
import type { SourceKind, Value } from "../schema/kind.js";
import type { SourceKindName } from "../schema/kinds/index.js";
import type { BatchMessage } from "./batch.js";
import type { DateOrder } from "./dates.js";
import type { Place } from "./findings.js";
import type { HeaderMatch } from "./header.js";
import type { NormalizerState } from "./sheet.js";

/**
 * The messages between the main thread and a segment worker (`segment-worker.ts`): a worker learns a
 * table (its header and how its cells are read), then reads segments of its CSV, each from a given
 * normalizer state, and answers with the segment's events and the state it ended in.
 */
export type ToSegmentWorker = TableMessage | SegmentMessage;

/** A table to read segments of: what `planTable` needs, as plain data. */
export interface TableMessage {
  t: "table";
  id: number;
  kind: SourceKind;
  kindName: SourceKindName;
  header: HeaderMatch;
  place: Place;
  dateOrder: DateOrder;
  roundNoise: boolean;
  sexAliases: Record<string, readonly string[]>;
}

/** Read these whole records (the bytes of `pieces`, in order) of table `table`, starting on `line` in normalizer state `state`. */
export interface SegmentMessage {
  t: "segment";
  table: number;
  seq: number;
  pieces: Uint8Array[];
  line: number;
  delimiter: string;
  state: NormalizerState;
}

/** An ingest event as plain data: rows and totals without their table (the main thread's is put back). */
export type WireEvent =
  | { type: "row"; row: number; values: Record<string, Value> }
  | { type: "total"; row: number; label: string; values: Record<string, Value>; subtotal: boolean }
  | { type: "finding"; finding: Finding }
  | { type: "batch"; batch: BatchMessage };

/**
 * What reading a segment gave: its events in order, the records it held, the state it ended in, and
 * the entries its coded columns' dictionaries gained (their batches' codes point into them);
 * or why it could not be read. Either way the segment's pieces come back, should the main thread have
 * to read them itself (none when the worker died).
 */
export type SegmentAnswer =
  | { t: "done"; seq: number; events: WireEvent[]; records: number; end: NormalizerState; pieces: Uint8Array[]; dictionaries: { id: string; from: number; entries: Value[] }[] }
  | { t: "failed"; seq: number; why: string; pieces: Uint8Array[] | undefined };
