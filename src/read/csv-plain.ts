import { CSV_PLAIN_WASM } from "./csv-plain-wasm.js";
import type { SpanWriter } from "./spans.js";

/** What the WebAssembly module `wasm/csv-plain.as.ts` exports. */
interface PlainExports {
  memory: WebAssembly.Memory;
  scan(len: number, delim: number): number;
  run(len: number, count: number, k: number, p: number, delim: number, base: number): number;
  WINDOW_BYTES: WebAssembly.Global;
  AT: WebAssembly.Global;
  STARTS: WebAssembly.Global;
  ENDS: WebAssembly.Global;
  LINES: WebAssembly.Global;
  FIELDS: WebAssembly.Global;
  DOUBLED: WebAssembly.Global;
  MEMORY_BYTES: WebAssembly.Global;
  RESULT: WebAssembly.Global;
}

/** What `run` reached, by position in its RESULT (see the kernel). */
const REACHED_AT = 0;
const REACHED_STOP = 1;
const LINES_PASSED = 2;
const FIELDS_KEPT = 3;
const DOUBLED_KEPT = 4;
const OUT_OF_STOPS = 5;

/** The smallest window scanned (after a record that is not plain; each full window read doubles it). */
const MIN_WINDOW_BYTES = 1024;

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once; null where WebAssembly SIMD is not there (the parser then reads every record itself). */
function module(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(CSV_PLAIN_WASM, "base64"));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The CSV parser's fast lane: plain records (a field unquoted with no quote in it, or quoted with
 * no line break inside, its quotes inside doubled and nothing between its closing quote and the
 * delimiter: most rows of most files) cut into fields by the
 * WebAssembly module `wasm/csv-plain.as.ts`, which finds a window's delimiters and line breaks 64
 * bytes a step with SIMD. Every other record is left for the parser's own loop, which reads all of
 * the format; on plain records the two give the same spans (a property test holds them to it).
 * Each parser has its own lane: a lane's window lives in its module instance's memory (~1.7 MB).
 */
export class PlainLane {
  private readonly x: PlainExports;
  private readonly window: Uint8Array;
  private readonly windowBytes: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly lines: Int32Array;
  private readonly fields: Int32Array;
  private readonly doubled: Int32Array;
  private readonly result: Int32Array;
  private bytes: Uint8Array = new Uint8Array(0);
  /** The window: `bytes[from, to)`, its stops found (`count`; the first not passed yet is number `k`). */
  private from = 0;
  private to = 0;
  private count = 0;
  private k = 0;
  /** Bytes the next window takes: the module's whole window, less after a record that is not plain. */
  private size: number;
  /** Physical lines the last `take` passed. */
  passed = 0;

  /** A lane for a delimiter, or undefined where WebAssembly cannot run the module. */
  static for(delimiter: number): PlainLane | undefined {
    const m = module();
    return m ? new PlainLane(m, delimiter) : undefined;
  }

  private constructor(
    m: WebAssembly.Module,
    private readonly delim: number,
  ) {
    this.x = new WebAssembly.Instance(m, {}).exports as unknown as PlainExports;
    const { memory } = this.x;
    const need = this.x.MEMORY_BYTES.value as number;
    memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
    this.windowBytes = this.size = this.x.WINDOW_BYTES.value as number;
    const view = (at: WebAssembly.Global): Int32Array => new Int32Array(memory.buffer, at.value as number, this.windowBytes + 1);
    this.window = new Uint8Array(memory.buffer, this.x.AT.value as number, this.windowBytes);
    this.starts = view(this.x.STARTS);
    this.ends = view(this.x.ENDS);
    this.lines = view(this.x.LINES);
    this.fields = view(this.x.FIELDS);
    this.doubled = view(this.x.DOUBLED);
    this.result = new Int32Array(memory.buffer, this.x.RESULT.value as number, 6);
  }

  /** Read records of `bytes` from now on, at positions that never go back. */
  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.from = this.to = this.count = this.k = 0;
  }

  /**
   * Write the plain records from offset `p` on to `out` (the first on physical line `line`), up to the
   * first record that is not plain or not complete in the bytes; returns the offset after them, with
   * the lines they took (blank records included) in `passed`. A field with doubled quotes inside gets
   * the text `undouble(start, end)` gives for its bytes between the quotes.
   */
  take(p: number, line: number, out: SpanWriter, undouble: (start: number, end: number) => string): number {
    const run = this.x.run;
    const r = this.result;
    let passed = 0;
    if (p < this.from || p >= this.to) this.load(p);
    while (this.count > 0) {
      const n = run(this.to - this.from, this.count, this.k, p - this.from, this.delim, this.from);
      const at = this.from + r[REACHED_AT]!;
      const moved = at > p;
      if (moved) {
        const f0 = out.plain(this.starts, this.ends, r[FIELDS_KEPT]!, this.lines, this.fields, n, line + passed);
        for (let i = 0, nd = r[DOUBLED_KEPT]!; i < nd; i++) {
          const f = this.doubled[i]!;
          out.retext(f0 + f, undouble(this.starts[f]!, this.ends[f]!));
        }
        passed += r[LINES_PASSED]!;
        p = at;
      }
      // The first stop of the record it stopped at, so the next run starts there, not at the window's start.
      this.k = r[REACHED_STOP]!;
      if (r[OUT_OF_STOPS] === 0) {
        // A record that is not plain, first thing: where that is common, scan less ahead next time.
        if (!moved) this.size = MIN_WINDOW_BYTES;
        break;
      }
      // The window's stops ran out with bytes after it: move the window on (a larger one), unless the
      // record already starts the window (a record longer than a window is the parser's).
      if (this.to >= this.bytes.length || (p === this.from && this.size === this.windowBytes)) break;
      this.size = Math.min(this.windowBytes, this.size * 2);
      this.load(p);
    }
    this.passed = passed;
    return p;
  }

  /** Make `bytes[p, p + size)` the window and find its stops. */
  private load(p: number): void {
    const to = Math.min(this.bytes.length, p + this.size);
    this.from = p;
    this.to = to;
    this.k = 0;
    this.count = 0;
    if (to <= p) return;
    this.window.set(this.bytes.subarray(p, to));
    this.count = this.x.scan(to - p, this.delim);
  }
}
