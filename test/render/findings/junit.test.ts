import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJunit } from "../../../src/render/findings/junit.js";
import { sampleReport } from "./sample.js";

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase", "failure"].includes(name) }).parse(xml);

describe("renderJunit", () => {
  const opts = { files: ["partners/rj/events.xlsx", "partners/rj/clean.xlsx"], checks: ["sex-sum", "outlier", "duplicate-row"] };

  it("is well-formed XML, whatever the messages contain", () => {
    expect(XMLValidator.validate(renderJunit(sampleReport(), opts))).toBe(true);
    const nasty = sampleReport();
    nasty.findings[0]!.message = "bell \u0007 and ]]> and \uD800 lone surrogate & <tag attr='x'>";
    expect(XMLValidator.validate(renderJunit(nasty, opts))).toBe(true);
  });

  it("has a suite per file, a case per check per file, and a failure per error", () => {
    const doc = parse(renderJunit(sampleReport(), opts));
    const suites = doc.testsuites.testsuite as Array<{ name: string; failures: string; testcase: Array<{ name: string; failure?: Array<{ message: string }> ; "system-out"?: string }> }>;
    expect(suites.map((s) => s.name)).toEqual(["partners/rj/clean.xlsx", "partners/rj/events.xlsx", "partners/rj/register.csv", "partners/rrf/batch, status.xlsx", "logframe"]);
    const events = suites[1]!;
    expect(events.testcase.map((c) => c.name)).toEqual(["sex-sum", "outlier", "duplicate-row"]);
    expect(events.testcase[0]!.failure![0]!.message).toBe("total 120, but female 50 + male 60 + other 0 = 110");
    // The warning is not a failure without --strict; it is listed in the case's output.
    expect(events.testcase[1]!.failure).toBeUndefined();
    expect(events.testcase[1]!["system-out"]).toContain('4,000 at a "TIE" session <Rohita & Co>');
    expect(events.failures).toBe("1");
    expect(suites[0]!.testcase.every((c) => !c.failure)).toBe(true);
  });

  it("counts warnings as failures with --strict", () => {
    const doc = parse(renderJunit(sampleReport(), { ...opts, strict: true }));
    const events = doc.testsuites.testsuite[1];
    expect(events.testcase[1].failure[0].message).toContain("4,000 at a");
    expect(doc.testsuites.failures).toBe("4");
  });
});
