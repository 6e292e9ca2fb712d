import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusEntries } from "./corpus-files.js";
import { verdict } from "./verdict.js";
import { spectrumExpected, type Outcome } from "./walk.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The walk runs in its own process with a capped heap, so a memory blow-up fails the test instead of the runner. */
const HEAP_MB = 1024;
const MAX_RSS_MB = 1536;

let result: { peakMb: number; outcomes: Outcome[] };

beforeAll(async () => {
  const entries = corpusEntries(); // fails clearly when ../shared/corpus is missing
  expect(entries.length).toBeGreaterThan(150);
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", "test/corpus/outcomes.ts", "--json"],
      { cwd: ROOT, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 },
      (err, out, errOut) => (err ? reject(new Error(`corpus walk failed: ${err.message}\n${errOut.slice(-2000)}`)) : resolve(out)),
    ),
  );
  result = JSON.parse(stdout.trim().split("\n").pop()!);
}, 180_000);

describe("the robustness corpus", () => {
  it("corpus: every data file of the manifest was read", () => {
    expect(result.outcomes.map((o) => o.file)).toEqual(corpusEntries().map((e) => e.file));
  });

  it("corpus: every file meets its manifest expectation (load, error with its specific code, guard, either)", () => {
    const unmet = result.outcomes.map((o) => ({ file: o.file, expect: o.expect, ...verdict(o) })).filter((v) => !v.ok);
    expect(unmet).toEqual([]);
  });

  it("corpus: no file hangs, crashes the reader, or produces a finding that does not name it", () => {
    for (const o of result.outcomes) {
      expect(o.failure, o.file).toBeUndefined();
      for (const f of o.findings) {
        expect(f.file, o.file).toBe(o.file);
        expect(f.message, o.file).not.toMatch(/^the reader (failed|crashed)|TypeError|RangeError|undefined/);
      }
    }
  });

  it("corpus: an error file never comes back as a workbook with rows and no error", () => {
    for (const o of result.outcomes.filter((x) => x.expect === "error"))
      expect(o.findings.some((f) => f.severity === "error"), o.file).toBe(true);
  });

  it(`corpus: the whole walk stays under ${MAX_RSS_MB} MB of resident memory`, () => {
    expect(result.peakMb).toBeLessThan(MAX_RSS_MB);
  });

  it("corpus: csv-spectrum files give exactly the records of their JSON twins", () => {
    const spectrum = result.outcomes.filter((o) => o.file.startsWith("csv/spectrum/") && !o.file.endsWith("location_coordinates.csv"));
    expect(spectrum.length).toBe(11);
    for (const o of spectrum) expect(o.records, o.file).toEqual(spectrumExpected(o.file));
  });
});
