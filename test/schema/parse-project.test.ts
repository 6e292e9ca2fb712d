import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProject, ProjectFileSchema, ReportingError } from "../../src/index.js";

const GOOD = `
project: { name: Test, phase: { start: 2020-01-01, end: 2021-12-31 } }
partners: [{ code: RJ, name: Rights Jessore, type: SPP }]
sources: [{ path: register.csv, kind: survivor-register, partner: RJ }]
logframe:
  goal: { title: Goal }
  outcomes:
    - code: "1"
      title: Outcome
      outputs:
        - code: "1.1"
          title: Output
          indicators:
            - { code: a, title: A, unit: persons, targets: { female: 1, total: 2 } }
            - { code: b, title: B, unit: persons }
            - { code: c, title: C, unit: events }
            - { code: d, title: D, unit: persons, targets: { female: 3 } }
`;

/** The message parseProject throws for a text, or "" when it parses. */
function messageOf(text: string): string {
  try {
    parseProject(text, "logframe.yaml");
    return "";
  } catch (e) {
    expect(e).toBeInstanceOf(ReportingError);
    expect((e as ReportingError).code).toBe("project-invalid");
    return (e as Error).message;
  }
}

describe("the project file", () => {
  it("accepts a minimal valid file and fills the defaults", () => {
    const p = parseProject(GOOD, "logframe.yaml");
    expect(p.project.fiscal_year_start_month).toBe(7);
    expect(p.sources[0]!.date_order).toBe("dmy");
    expect(p.sexes.categories).toEqual(["female", "male", "other"]);
    expect(p.limits.max_file_mb).toBeGreaterThan(0);
  });

  it("reads dates as text and yes/no as words, as YAML 1.2 does", () => {
    const p = parseProject(GOOD.replace("name: Test", "name: yes"), "logframe.yaml");
    expect(p.project.name).toBe("yes");
    expect(p.project.phase.start).toBe("2020-01-01");
  });

  it("accepts the same file written as JSON", () => {
    const asJson = JSON.stringify(parseProject(GOOD, "x.yaml"));
    expect(parseProject(asJson, "logframe.json").project.name).toBe("Test");
  });

  it("accepts the Ashshash fixture's project file", () => {
    const text = readFileSync(new URL("../../fixtures/ashshash/logframe.yaml", import.meta.url), "utf8");
    expect(parseProject(text, "logframe.yaml").partners.map((p) => p.code)).toEqual(["RJ", "RRF"]);
  });

  it.each([
    ["a target that is not a number", GOOD.replace("targets: { female: 3 }", 'targets: { female: "abc" }'), 'logframe.yaml: logframe.outcomes[0].outputs[0].indicators[3].targets.female: expected a number, got "abc"'],
    ["a partner type outside the list", GOOD.replace("type: SPP", "type: NGO"), 'logframe.yaml: partners[0].type: expected one of SPP, TSP, got "NGO"'],
    ["a misspelt key", GOOD.replace("kind: survivor-register", "kind: survivor-register, sheeet: X"), 'logframe.yaml: sources[0]: unknown key "sheeet"'],
    ["a missing required key", GOOD.replace("partners: [{ code: RJ, name: Rights Jessore, type: SPP }]", "partners: [{ code: RJ, type: SPP }]"), "logframe.yaml: partners[0].name: required string is missing"],
    ["a source naming an unknown partner", GOOD.replace("partner: RJ }", "partner: XX }"), 'logframe.yaml: sources[0].partner: "XX" is not one of the partners (RJ)'],
    ["an indicator code used twice", GOOD.replace("code: b,", "code: a,"), 'indicator "a" is defined twice'],
    ["a phase that ends before it starts", GOOD.replace("end: 2021-12-31", "end: 2019-12-31"), "project.phase.end: 2019-12-31 is before the start 2020-01-01"],
    ["a date in the wrong form", GOOD.replace("start: 2020-01-01", "start: 01/01/2020"), "project.phase.start: expected a date as YYYY-MM-DD"],
    ["broken YAML", GOOD.replace("goal: { title: Goal }", "goal: { title: Goal"), "logframe.yaml: line"],
    ["a file that is not a mapping", "- just\n- a list\n", "logframe.yaml: expected a mapping"],
    ["a key given twice", GOOD.replace("logframe:\n", "partners: []\nlogframe:\n"), "logframe.yaml: line 5, column 1: duplicated mapping key"],
    ["an empty file", "", "logframe.yaml: expected a document, but the input is empty"],
  ])("rejects %s with the path of the bad key", (_name, text, expected) => {
    expect(messageOf(text)).toContain(expected);
  });

  it("gives a JSON Schema from the same zod schema", async () => {
    const { projectJsonSchema } = await import("../../src/index.js");
    const schema = projectJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(ProjectFileSchema.shape)));
  });

  it("makes the CLI exit 2 with the path-precise message and no stack trace", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "logframe-schema-"));
    writeFileSync(path.join(dir, "logframe.yaml"), GOOD.replace("targets: { female: 3 }", 'targets: { female: "abc" }'));
    const bin = new URL("../../bin/logframe.js", import.meta.url).pathname;
    for (const command of ["validate", "aggregate", "report"]) {
      const r = spawnSync("node", [bin, command, dir], { encoding: "utf8", env: { ...process.env, CI: "1" } });
      expect(r.status, command).toBe(2);
      expect(r.stderr).toContain('indicators[3].targets.female: expected a number, got "abc"');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
