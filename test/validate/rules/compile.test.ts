import { describe, expect, it } from "vitest";
import { ReportingError } from "../../../src/errors/reporting-error.js";
import { compileRules } from "../../../src/validate/rules/compile.js";
import { makeProject } from "../helpers.js";

describe("compileRules", () => {
  it("a bad expression is project-invalid, naming the rule's path and the column of the problem", () => {
    const project = makeProject({
      rules: [
        { left: "1.1.active", operator: "==", right: "1.1.enrolled - 1.1.dropped" },
        { left: "1.2.graduated", operator: "<=", right: "1.2.tna" },
        { left: "1.1.active - 1.1.x)", operator: "==", right: "1.1.enrolled" },
      ],
    });
    let caught: unknown;
    try {
      compileRules(project);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ReportingError);
    expect(caught).toMatchObject({ code: "project-invalid", message: 'rules[2].left: unexpected ")" at column 19' });
  });

  it("every bad side is listed, not only the first", () => {
    const project = makeProject({ rules: [{ left: "(", operator: "==", right: "1 +" }] });
    expect(() => compileRules(project)).toThrow("rules[0].left: unexpected end of expression at column 2\nrules[0].right: unexpected end of expression at column 4");
  });

  it("a rule knows whether it names a sex", () => {
    const project = makeProject({
      rules: [
        { left: "1.1.active", operator: "==", right: "1.1.enrolled - 1.1.dropped" },
        { left: "1.2.graduated[female]", operator: "<=", right: "1.2.tna[female]" },
      ],
    });
    expect(compileRules(project).map((r) => r.sexed)).toEqual([false, true]);
  });
});
