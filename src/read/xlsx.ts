import type { Worker } from "node:worker_threads";
import type { Finding } from "../errors/finding.js";
import type { RawRow, RawSheet } from "../schema/table.js";
import type { ResolvedReadOptions } from "./options.js";
import { fmt, readFinding } from "./problem.js";
import { batchedRows } from "./row-stream.js";
import { pool, type Reservation } from "./xlsx-pool.js";
import type { ToMain, ToWorker } from "./xlsx-protocol.js";
import type { ZipSource } from "./zip.js";

/** What a job's inbox hands out: a worker message, or what happened to the worker. */
type Event = ToMain | { t: "timeout" } | { t: "crash"; error: Error } | { t: "exit"; code: number };

/**
 * Files up to this size (1 MB of xlsx, some tens of thousands of cells) are read ahead: the worker is
 * sent the file as soon as it is idle, reads up to 32 batches (400,000 cells) ahead of the consumer
 * instead of 4, so a small file is usually read to its end unconsumed, and goes back to the pool when
 * it is done, so a caller can start the next small file while it consumes this one (performance
 * issue: start-up). Larger files are read as they are consumed, a few batches ahead.
 */
export const READ_AHEAD_BYTES = 1 << 20;

/**
 * Read an xlsx in a worker thread with a heap limit and a time budget, streaming its sheets and rows.
 * The budget (`limits.seconds_per_file`) counts only the time the consumer spends waiting for the
 * reader, so a slow consumer never times a file out. Timeouts, crashes and out-of-memory become
 * findings; reading never throws. Workers are reused across files while they stay healthy. A small
 * file (`READ_AHEAD_BYTES`) is read ahead as soon as a worker is idle, whether or not its sheets are
 * ever consumed, after the small files whose places in the queue (`place`, see `pool.reserve`) were
 * taken before its own. A file on disk (`{ file }`) is read in place by the worker; bytes in memory
 * are moved to the worker when they fill their memory alone (the caller's view is then emptied):
 * pass memory of your own.
 */
export function readXlsx(source: ZipSource, path: string, opts: ResolvedReadOptions, findings: Finding[], place?: Reservation): AsyncIterable<RawSheet> {
  // The file's bytes go to the worker and are not kept here: a large workbook is held once, not twice.
  let held: ZipSource | undefined = source;
  const take = (): ZipSource => {
    const s = held!;
    held = undefined;
    return s;
  };
  if (!("bytes" in source) || source.bytes.byteLength > READ_AHEAD_BYTES) {
    place?.withdraw();
    return xlsxSheets(() => startJob(take(), path, opts, false), path, opts, findings);
  }
  // A small file starts as soon as a worker is idle and the files opened before it have started (while
  // the caller consumes another file), or when its sheets are first asked for, whichever comes first;
  // read ahead never starts a worker of its own. `place`: taken when the file was opened.
  let inbox: Inbox | undefined;
  const queued = place ?? pool.reserve(opts.workerHeapMb);
  const begin = (): Inbox => {
    queued.withdraw();
    return (inbox ??= startJob(take(), path, opts, true));
  };
  queued.fill(() => void begin());
  return xlsxSheets(begin, path, opts, findings);
}

/**
 * Send a file to a worker; `ahead`: many batches ahead of the consumer (a small file: all of it).
 * Bytes that alone fill their memory (as `readWorkbook` assembles them) are moved there, leaving
 * them empty here; others (a view into a larger buffer) are copied first.
 */
function startJob(source: ZipSource, path: string, opts: ResolvedReadOptions, ahead: boolean): Inbox {
  const inbox = new Inbox(pool.acquire(opts.workerHeapMb), opts.workerHeapMb, opts.limits.seconds_per_file * 1000, ahead);
  try {
    const job = (s: ZipSource): ToWorker => ({ t: "job", job: inbox.job, source: s, path, opts, ...(ahead ? { ahead: true as const } : {}) });
    if ("file" in source) inbox.start(job(source), []);
    else {
      const { bytes } = source;
      const own = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const moved = own ? bytes : new Uint8Array(bytes);
      inbox.start(job({ bytes: moved }), [moved.buffer as ArrayBuffer]);
    }
    return inbox;
  } catch (err) {
    inbox.close(false);
    throw err;
  }
}

async function* xlsxSheets(open: () => Inbox, path: string, opts: ResolvedReadOptions, findings: Finding[]): AsyncGenerator<RawSheet> {
  const inbox = open();
  let current = -1;
  let finished = false;
  try {
    let ev = await inbox.next();
    for (;;) {
      if (ev.t === "finding") {
        findings.push(ev.finding);
        ev = await inbox.next();
        continue;
      }
      if (ev.t !== "sheet") {
        finished = ev.t === "done" || ev.t === "fail";
        report(ev, path, opts, findings);
        return;
      }
      const index = ev.index;
      current = index;
      const state: SheetState = { ended: false, stop: undefined };
      yield { name: ev.name, hidden: ev.hidden, rows: sheetRows(inbox, index, () => current, state, findings) };
      if (!state.ended && state.stop === undefined) {
        // The consumer moved on without reading every row: stop the worker's sheet and drain it.
        inbox.send({ t: "skip", job: inbox.job, index });
        for (;;) {
          const e = await inbox.next();
          if (e.t === "rows" && e.index === index) continue;
          if (e.t === "finding") findings.push(e.finding);
          else if (e.t === "end" && e.index === index) break;
          else {
            state.stop = e;
            break;
          }
        }
      }
      current = -1;
      ev = state.stop ?? (await inbox.next());
    }
  } finally {
    inbox.close(finished);
  }
}

interface SheetState {
  ended: boolean;
  /** The event that ended the whole read while this sheet was being read (done, fail, timeout...). */
  stop: Event | undefined;
}

/** A sheet's rows, taken batch by batch from the inbox until the sheet ends (or the read does). */
function sheetRows(inbox: Inbox, index: number, current: () => number, state: SheetState, findings: Finding[]): AsyncIterable<RawRow> {
  return batchedRows(async () => {
    while (current() === index && !state.ended && state.stop === undefined) {
      const e = await inbox.next();
      if (e.t === "rows" && e.index === index) return e.rows;
      if (e.t === "finding") findings.push(e.finding);
      else if (e.t === "end" && e.index === index) state.ended = true;
      else state.stop = e;
    }
    return undefined;
  });
}

/** Record how a read ended. */
function report(ev: Event, path: string, opts: ResolvedReadOptions, findings: Finding[]): void {
  switch (ev.t) {
    case "done":
      return;
    case "fail":
      findings.push(ev.finding);
      return;
    case "timeout":
      findings.push(
        readFinding("read-timeout", path, `reading took longer than ${fmt(opts.limits.seconds_per_file)} s (limits.seconds_per_file) and was stopped; the rows read so far are incomplete`),
      );
      return;
    case "crash": {
      const oom = (ev.error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      findings.push(
        readFinding(
          "read-failed",
          path,
          oom ? `reading needed more than ${fmt(opts.workerHeapMb)} MB of memory and was stopped: the workbook is too large or pathological` : `the reader crashed: ${ev.error.message}`,
        ),
      );
      return;
    }
    default:
      findings.push(readFinding("read-failed", path, "the reader stopped without finishing the file (it may be damaged)"));
  }
}

let nextJob = 1;

/**
 * One job's view of a worker: its messages in arrival order, plus the worker's fate (crash, exit)
 * and the time budget, as one queue. A batch of rows is acknowledged when it is taken, which lets
 * the worker send another.
 */
class Inbox {
  readonly job = nextJob++;
  private queue: Event[] = [];
  private waiter: ((e: Event) => void) | undefined;
  private closed = false;
  private dead = false;
  private readonly onMessage = (msgs: ToMain[]): void => {
    for (const m of msgs) {
      if (m.job !== this.job) continue;
      this.put(m);
      // Read ahead: every message of the file is queued here, so the worker is free for the next file.
      if (this.ahead && (m.t === "done" || m.t === "fail")) this.close(true);
    }
  };
  private readonly onError = (error: Error): void => {
    this.dead = true;
    this.put({ t: "crash", error });
  };
  private readonly onExit = (code: number): void => {
    this.dead = true;
    this.put({ t: "exit", code });
  };

  constructor(
    private readonly worker: Worker,
    private readonly heapMb: number,
    private budgetMs: number,
    private readonly ahead: boolean,
  ) {
    // Unref'd: a consumer that drops a workbook half-read must not keep the process alive. While the
    // consumer waits, the budget timer (ref'd) keeps it alive, so a read never "exits silently".
    worker.unref();
    worker.on("message", this.onMessage);
    worker.on("error", this.onError);
    worker.on("exit", this.onExit);
  }

  start(m: ToWorker, transfer: ArrayBuffer[]): void {
    this.worker.postMessage(m, transfer);
  }

  send(m: ToWorker): void {
    if (!this.closed && !this.dead) this.worker.postMessage(m);
  }

  /** The next event; waiting counts against the time budget. */
  async next(): Promise<Event> {
    const e = this.queue.shift() ?? (await this.wait());
    if (e.t === "rows") this.send({ t: "ack", job: this.job });
    return e;
  }

  private put(e: Event): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(e);
    } else this.queue.push(e);
  }

  private wait(): Promise<Event> {
    if (this.budgetMs <= 0) return Promise.resolve({ t: "timeout" });
    const started = Date.now();
    return new Promise<Event>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        this.budgetMs = 0;
        resolve({ t: "timeout" });
      }, this.budgetMs);
      this.waiter = (e) => {
        clearTimeout(timer);
        this.budgetMs -= Date.now() - started;
        resolve(e);
      };
    });
  }

  /** Detach; a worker that finished its job cleanly goes back to the pool, any other is terminated. */
  close(finished: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.off("message", this.onMessage);
    this.worker.off("error", this.onError);
    this.worker.off("exit", this.onExit);
    if (finished && !this.dead) pool.release(this.worker, this.heapMb);
    else void this.worker.terminate();
  }
}
