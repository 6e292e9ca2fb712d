import { describe, expect, it } from "vitest";
import { createTiering, LARGE_INPUT_BYTES, LONG_RUN_MS } from "../../src/cli/tiering.js";

/** The policy with recorded flags and a clock the test turns by hand. */
function harness() {
  const flags: string[] = [];
  const timers: { ms: number; run: () => void }[] = [];
  const tiering = createTiering(
    (f) => flags.push(f),
    (ms, run) => timers.push({ ms, run }),
  );
  return { flags, timers, tiering };
}

describe("when V8's optimising compiler runs", () => {
  it("starts a short run without it and turns it on once the inputs turn out large", () => {
    const { flags, tiering } = harness();
    tiering.startShortRun();
    expect(flags).toEqual(["--no-turbofan"]);
    tiering.inputsFound(LARGE_INPUT_BYTES);
    expect(flags).toEqual(["--no-turbofan"]);
    tiering.inputsFound(LARGE_INPUT_BYTES + 1);
    expect(flags).toEqual(["--no-turbofan", "--turbofan"]);
  });

  it("turns it on after LONG_RUN_MS even when the inputs are small, and only once", () => {
    const { flags, timers, tiering } = harness();
    tiering.startShortRun();
    tiering.inputsFound(170_000);
    expect(timers.map((t) => t.ms)).toEqual([LONG_RUN_MS]);
    timers[0]!.run();
    expect(flags).toEqual(["--no-turbofan", "--turbofan"]);
    tiering.inputsFound(50 * LARGE_INPUT_BYTES);
    timers[0]!.run();
    expect(flags).toEqual(["--no-turbofan", "--turbofan"]);
  });

  it("never touches V8's flags unless the executable started a short run (the library and the tests)", () => {
    const { flags, timers, tiering } = harness();
    tiering.inputsFound(50 * LARGE_INPUT_BYTES);
    expect(flags).toEqual([]);
    expect(timers).toEqual([]);
  });
});
