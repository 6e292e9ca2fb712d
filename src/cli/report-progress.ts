import cliProgress from "cli-progress";

/** A progress display that may be silent. */
export interface Progress {
  tick(step: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr, only on a terminal: silent when stderr is not a TTY, when `CI` is set, or
 * with `--quiet`, so logs and pipes stay clean.
 */
export function createProgress(opts: { quiet: boolean; total: number }): Progress {
  const active = !opts.quiet && process.stderr.isTTY === true && !process.env["CI"];
  if (!active) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: "report [{bar}] {value}/{total} {step}", stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(opts.total, 0, { step: "" });
  return {
    tick(step) {
      bar.increment(1, { step });
    },
    stop() {
      bar.stop();
    },
  };
}
