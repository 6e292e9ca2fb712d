/**
 * The xlsx reader's worker threads: how one is started, and the idle ones kept for the next file.
 * This module loads nothing but Node's own, so the CLI can start a worker before it loads the
 * library (performance issue: start-up): the worker boots on the other core meanwhile.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ToWorker } from "./xlsx-protocol.js";

/** The reader worker's heap limit unless `ReadOptions.workerHeapMb` says otherwise. */
export const DEFAULT_WORKER_HEAP_MB = 512;

/**
 * The worker's space for new objects. Its garbage is short-lived (text of cells, batches posted and
 * dropped), and a small space is scavenged often but cheaply and stays in cache: 8 MB against the
 * 64 MB it had (a 512 MB heap's eighth) made the 200k-row xlsx 1.64–1.74 → 1.55–1.62 s and its peak
 * 219–229 → 193–199 MB, and a 1M-row xlsx 353 → 279 MB (4 and 12 MB measured alike).
 */
const YOUNG_GENERATION_MB = 8;

/**
 * Start a reader worker with a heap limit (a hostile file that gets past the guards dies there, not
 * in the CLI): the compiled `.js` next to this module, or the `.ts` source under tsx/vitest.
 */
function spawn(heapMb: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, stackSizeMb: 8 } };
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./xlsx-worker.js", here), options);
  // Source mode (tests, tsx): register tsx's loader in the worker, then load the TypeScript worker.
  const tsxDir = dirname(createRequire(here).resolve("tsx/package.json"));
  const tsx = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  const entry = new URL("./xlsx-worker.ts", here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * Start a reader worker now and keep it idle for the first xlsx read, so that read does not wait for
 * a worker to boot (~80 ms): call it before slow work that does not need the reader, such as parsing
 * the project file. While it waits it loads ICU's locale data for the process (`warm`), so the
 * main thread's first collator and number formats are ready-made too. Does nothing if an idle
 * worker with this heap limit is already waiting. The worker does not keep the process alive; one
 * that fails to start is dropped (the read that follows starts its own and reports its failure as a
 * finding).
 */
export function prewarmXlsxReader(heapMb: number = DEFAULT_WORKER_HEAP_MB): void {
  if (pool.idle.some((x) => x.heapMb === heapMb)) return;
  let worker: Worker;
  try {
    worker = spawn(heapMb);
  } catch {
    return;
  }
  worker.unref();
  worker.postMessage({ t: "warm" } satisfies ToWorker);
  pool.release(worker, heapMb);
}

/** A place in the queue for an idle worker (see `pool.reserve`). */
export interface Reservation {
  fill(take: () => void): void;
  withdraw(): void;
}

interface Waiter {
  heapMb: number;
  /** Unset while the file is still being read. */
  take: (() => void) | undefined;
}

/** An idle worker: kept for the next file, dropped from the pool if it dies while it waits. */
interface IdleWorker {
  worker: Worker;
  heapMb: number;
  /** Listens for `error` and `exit` while the worker is idle, so a death is never an uncaught error. */
  onDeath: () => void;
}

/** Idle healthy workers, kept for the next file (starting one costs tens of ms, a second under tsx). */
export const pool = {
  idle: [] as IdleWorker[],
  acquire(heapMb: number): Worker {
    const i = this.idle.findIndex((x) => x.heapMb === heapMb);
    if (i === -1) return spawn(heapMb);
    const { worker, onDeath } = this.idle.splice(i, 1)[0]!;
    worker.off("error", onDeath).off("exit", onDeath);
    return worker;
  },
  release(worker: Worker, heapMb: number): void {
    if (this.idle.length >= 2) {
      void worker.terminate();
      return;
    }
    const idle: IdleWorker = {
      worker,
      heapMb,
      onDeath: () => {
        worker.off("error", idle.onDeath).off("exit", idle.onDeath);
        const at = this.idle.indexOf(idle);
        if (at !== -1) this.idle.splice(at, 1);
      },
    };
    worker.on("error", idle.onDeath).on("exit", idle.onDeath);
    this.idle.push(idle);
    this.serve();
  },
  /**
   * Places in the queue for an idle worker (reads ahead), served in the order they were taken. A
   * place whose file is still being read from disk (`take` unset) holds up the places behind it with
   * the same heap limit, so small files are read ahead in the order they were opened, not in the
   * order their bytes arrived.
   */
  waiters: [] as Waiter[],
  /**
   * Take a place in the queue now, before the file is read. `fill(take)`, once the file is ready,
   * calls `take` as soon as a worker with this heap limit is idle and the places before it are served
   * (now, if they are), so it can acquire it; `withdraw()` gives the place up. Never spawns a worker.
   */
  reserve(heapMb: number): Reservation {
    const waiter: Waiter = { heapMb, take: undefined };
    this.waiters.push(waiter);
    return {
      fill: (take) => {
        waiter.take = take;
        this.serve();
      },
      withdraw: () => {
        const at = this.waiters.indexOf(waiter);
        if (at === -1) return;
        this.waiters.splice(at, 1);
        this.serve();
      },
    };
  },
  /** Hand idle workers to the first place of each heap limit, if its file is ready. */
  serve(): void {
    const held = new Set<number>();
    for (let i = 0; i < this.waiters.length; ) {
      const w = this.waiters[i]!;
      if (held.has(w.heapMb) || w.take === undefined || !this.idle.some((x) => x.heapMb === w.heapMb)) {
        held.add(w.heapMb);
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      // A read that cannot start here (it never should) starts again when its sheets are asked for.
      try {
        w.take();
      } catch {
        /* see above */
      }
    }
  },
};
