import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { createEngine, ingestSources, parsePeriod, scanClaims, validateProject, type Report } from "../../src/index.js";

const FIXTURE = new URL("../../fixtures/ashshash", import.meta.url).pathname;
const CLAIMS = "partners/rj/target-vs-achievement.xlsx";

/**
 * The report's own arithmetic faults, carried into RJ's claims sheet (rows: F04 on 7, F13 on 16, F39
 * on 42; achieved female/male/total in G/H/I). The raw sheets are clean.
 */
const EXPECTED: Array<[cell: string, code: string]> = [
  // F04: active 578 (391 F / 187 M); enrolled − dropped gives 325 F / 253 M, and so do the raw sheets.
  ["G7", "claim-mismatch"],
  ["G7", "rule-failed"],
  ["H7", "claim-mismatch"],
  ["H7", "rule-failed"],
  // F13: 449 graduated (344 F / 105 M), but skill + EDT + both = 439 (335 F / 104 M), as the raw sheets.
  ["G16", "breakdown-sum"],
  ["G16", "claim-mismatch"],
  ["H16", "breakdown-sum"],
  ["H16", "claim-mismatch"],
  ["I16", "breakdown-sum"],
  ["I16", "claim-mismatch"],
  // F39: 16,320 people, but 17,821 M + 18,499 F = 36,320, as the raw sheets.
  ["I42", "claim-mismatch"],
  ["I42", "sex-sum"],
];

async function validateFixture(): Promise<Report> {
  const loaded = await loadProject(FIXTURE);
  const p = loaded.project;
  const sources = await resolveSources(loaded);
  const { periods, claimed } = await scanClaims(ingestSources(sources.filter((s) => s.source.kind === "spp-target-achievement"), p));
  return validateProject(ingestSources(sources, p), p, {
    now: "2023-01-07",
    figures: { period: (t) => parsePeriod(t, p), engine: (period) => createEngine(p, { period, by: ["partner"] }) },
    periods,
    claimed,
  });
}

describe("validating the Ashshash fixture", () => {
  it("flags at severity error exactly the report's faults carried into the claims sheet, and nothing else", async () => {
    const report = await validateFixture();
    const errors = report.findings.filter((f) => f.severity === "error");
    expect(errors.every((f) => f.file === CLAIMS && f.partner === "RJ")).toBe(true);
    expect(errors.map((f): [string, string] => [f.cell!, f.code])).toEqual(EXPECTED);
    expect(report.summary).toMatchObject({ errors: EXPECTED.length, warnings: 0, files: 7, truncated: false });
  });

  it("states both numbers and where each came from", async () => {
    const report = await validateFixture();
    const at = (cell: string, code: string) => report.findings.find((f) => f.cell === cell && f.code === code)!;
    expect(at("I16", "claim-mismatch").message).toBe(
      "RJ claims 449 for 1.2.graduated (total, phase) at Target vs Achievement!I16; the raw sheets give 439, computed from 439 rows of partners/rrf/batch-status.xlsx, partners/rj/mentor-mentee.xlsx; run `logframe trace 1.2.graduated --period phase`",
    );
    expect(at("I16", "breakdown-sum").message).toBe(
      "graduates by training type, total: 1.2.graduated_skill 318 + 1.2.graduated_edt 99 + 1.2.graduated_both 22 = 439, but 1.2.graduated is 449 (in RJ's claims for phase)",
    );
    expect(at("G7", "rule-failed").message).toBe(
      "Active survivors are those enrolled less those who dropped out: 1.1.active[female] == 1.1.enrolled[female] - 1.1.dropped[female]: 391 == 325 is false (in RJ's claims for phase)",
    );
    expect(at("I42", "sex-sum").message).toBe("total 16,320, but female 18,499 + male 17,821 = 36,320");
  });

  it("`logframe validate fixtures/ashshash --format json` exits 1 with the same findings (built CLI)", async () => {
    const bin = new URL("../../bin/logframe.js", import.meta.url).pathname;
    const r = spawnSync("node", [bin, "validate", FIXTURE, "--format", "json", "--now", "2023-01-07"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual(await validateFixture());
  });
});
