import v8 from "node:v8";

/**
 * When V8's optimising compiler (TurboFan) runs (performance issue: start-up). Compiling hot
 * functions optimised pays off on a large input, not in a run of well under a second: there its
 * background compiles take the CPU the main thread and the reader's worker need on a two-core
 * machine (`validate fixtures/ashshash`, 16 interleaved runs: 0.755 → 0.611 s, CPU 1.15 → 0.88 s,
 * without it). So the executable starts without it (`startShortRun`), and it comes on as soon as a
 * command finds its input files large (`inputsFound`), or after `LONG_RUN_MS` whatever they are, so
 * a small workbook that unzips to many rows is never read long without it. V8's flags belong to the whole process:
 * only the executable starts a short run, never the library or the tests.
 */
export const LARGE_INPUT_BYTES = 1 << 20;
export const LONG_RUN_MS = 1000;

/** The policy, with V8's flags and the clock given (tests give their own). */
export function createTiering(setFlags: (flags: string) => void, after: (ms: number, run: () => void) => void) {
  let short = false;
  const optimise = (): void => {
    if (!short) return;
    short = false;
    setFlags("--turbofan");
  };
  return {
    /** Run without the optimising compiler until the inputs turn out large or the run long. */
    startShortRun(): void {
      if (short) return;
      short = true;
      setFlags("--no-turbofan");
      after(LONG_RUN_MS, optimise);
    },
    /** A command has found its input files, `bytes` together: optimise from now on if that is large. */
    inputsFound(bytes: number): void {
      if (bytes > LARGE_INPUT_BYTES) optimise();
    },
  };
}

const tiering = createTiering(
  (flags) => v8.setFlagsFromString(flags),
  (ms, run) => void setTimeout(run, ms).unref(),
);

export const { startShortRun, inputsFound } = tiering;
