/**
 * The xlsx reader's worker thread: reads the files it is sent, one at a time, with
 * `readXlsxPackage`, and posts what it finds to the main thread (see `xlsx.ts`). Row batches are
 * sent only while the main thread has acknowledged enough earlier ones, so a slow consumer slows the
 * reader instead of filling memory.
 */
import { parentPort } from "node:worker_threads";
import type { RawRow } from "../schema/table.js";
import { findingOf } from "./problem.js";
import { readXlsxPackage } from "./xlsx-read.js";
import type { ToMain, ToWorker } from "./xlsx-protocol.js";

/** Row batches the main thread may hold unread. */
const IN_FLIGHT = 4;
/**
 * The same for a file read ahead (a small one): enough that a small file is read to its end while
 * another is consumed, and bounded (32 batches are at most 400,000 cells), so a small workbook whose
 * sheets unzip to millions of rows still waits for its consumer instead of filling the main thread.
 */
const AHEAD_IN_FLIGHT = 32;

/** Distributes `Omit` over the union so each message keeps its own fields. */
type Body<T> = T extends unknown ? Omit<T, "job"> : never;

interface Job {
  id: number;
  credits: number;
  wake: (() => void) | undefined;
  sheet: number;
  skip: number;
}

const port = parentPort!;
let job: Job | undefined;

/**
 * Messages posted in this turn of the event loop, sent together when it ends. A small file's last
 * rows, its end and `done` then reach the main thread as one message, so the main thread frees this
 * worker for the next file when it receives them, not after it has consumed those rows (it runs the
 * consumer between two messages): the next file is read meanwhile (performance issue: start-up).
 */
let outbox: ToMain[] = [];

function send(msg: ToMain): void {
  if (outbox.push(msg) === 1) setImmediate(flush);
}

function flush(): void {
  const msgs = outbox;
  outbox = [];
  port.postMessage(msgs);
}

port.on("message", (m: ToWorker) => {
  if (m.t === "warm") {
    warmIntl();
    return;
  }
  if (m.t === "job") {
    void run(m);
    return;
  }
  if (!job || m.job !== job.id) return; // late news about a finished file
  if (m.t === "ack") job.credits++;
  else job.skip = m.index;
  job.wake?.();
  job.wake = undefined;
});

/**
 * Make the formatters the main thread makes first (findings' order, messages' numbers, luxon's
 * system locale, month names): ICU loads a locale's data once for the whole process, ~30 ms of the
 * first `Intl` use that the main thread then does not pay (performance issue: start-up).
 */
function warmIntl(): void {
  try {
    new Intl.Collator().compare("a", "b");
    for (const locale of ["en-GB", "en-IN", "en-US"]) new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(1234.5);
    new Intl.DateTimeFormat().resolvedOptions();
    for (const month of ["long", "short"] as const) new Intl.DateTimeFormat("en", { month, timeZone: "UTC" }).format(0);
  } catch {
    /* only ever a head start */
  }
}

async function run(m: Extract<ToWorker, { t: "job" }>): Promise<void> {
  const j: Job = { id: m.job, credits: m.ahead ? AHEAD_IN_FLIGHT : IN_FLIGHT, wake: undefined, sheet: -1, skip: -2 };
  job = j;
  const post = (msg: Body<ToMain>): void => send({ ...msg, job: j.id } as ToMain);
  const rows = async (batch: RawRow[]): Promise<void> => {
    while (j.credits <= 0 && j.skip !== j.sheet) await new Promise<void>((r) => (j.wake = r));
    if (j.skip === j.sheet) return;
    j.credits--;
    post({ t: "rows", index: j.sheet, rows: batch });
  };
  try {
    await readXlsxPackage(m.source, m.path, m.opts, {
      sheet(name, hidden) {
        j.sheet++;
        post({ t: "sheet", index: j.sheet, name, hidden });
      },
      rows,
      endSheet: () => post({ t: "end", index: j.sheet }),
      finding: (finding) => post({ t: "finding", finding }),
      skipped: () => j.skip === j.sheet,
    });
    post({ t: "done" });
  } catch (err) {
    post({ t: "fail", finding: findingOf(err, m.path) });
  } finally {
    if (job === j) job = undefined;
  }
}
