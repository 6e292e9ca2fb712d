import { describe, expect, it } from "vitest";
import { codeHint, compilePlan } from "../../src/aggregate/compile.js";
import { ReportingError } from "../../src/errors/reporting-error.js";
import { makeProject } from "./helpers.js";

type Input = Parameters<typeof makeProject>[0][number];
const enrolled: Input = { code: "1.1.enrolled", reference: "F02", title: "Enrolled", unit: "persons", counting: "unique", compute: { from: "survivor-register", date: "enrolment_date", measure: "count-persons" } };

const refusal = (indicators: Input[], select?: string[]): ReportingError => {
  try {
    compilePlan(makeProject(indicators), select);
  } catch (e) {
    if (e instanceof ReportingError) return e;
    throw e;
  }
  throw new Error("expected a ReportingError");
};

describe("compiling indicators", () => {
  it.each([
    {
      name: "an unknown where field names the path and the kind's fields",
      indicator: { ...enrolled, compute: { ...enrolled.compute!, where: [{ field: "stauts", equals: "dropped" }] } },
      code: "project-invalid",
      message: /logframe\.outcomes\[0\]\.outputs\[0\]\.indicators\[0\]\.compute\.where\[0\]\.field: "stauts" is not a field of survivor-register/,
      hint: /survivor_id, sex, age/,
    },
    {
      name: "an unknown date field",
      indicator: { ...enrolled, compute: { ...enrolled.compute!, date: "enrolled_on" } },
      code: "project-invalid",
      message: /compute\.date: "enrolled_on" is not a field of survivor-register/,
    },
    {
      name: "a date field that is not a date",
      indicator: { ...enrolled, compute: { ...enrolled.compute!, date: "status" } },
      code: "project-invalid",
      message: /compute\.date: "status" of survivor-register is a category field, expected date/,
    },
    {
      name: "a personal-data field",
      indicator: { ...enrolled, compute: { ...enrolled.compute!, where: [{ field: "name", present: true }] } },
      code: "project-invalid",
      message: /"name" is personal data/,
    },
    {
      name: "a sum without a field",
      indicator: { code: "b", title: "b", unit: "BDT", compute: { from: "budget-allocation", date: "date", measure: "sum" } },
      code: "project-invalid",
      message: /compute\.field: measure sum needs the field/,
    },
    {
      name: "a sum of a text field",
      indicator: { code: "b", title: "b", unit: "BDT", compute: { from: "budget-allocation", date: "date", measure: "sum", field: "purpose" } },
      code: "project-invalid",
      message: /"purpose" of budget-allocation is a text field, expected integer or number/,
    },
    {
      name: "sum-sexes on a kind without sex columns",
      indicator: { code: "b", title: "b", unit: "persons", compute: { from: "budget-allocation", date: "date", measure: "sum-sexes" } },
      code: "project-invalid",
      message: /compute\.sexes: budget-allocation has no sex count columns/,
    },
    {
      name: "a sex split on a kind without sex",
      indicator: { code: "b", title: "b", unit: "events", compute: { from: "budget-allocation", date: "date", measure: "count-rows", sexed: true } },
      code: "project-invalid",
      message: /compute\.sexed: budget-allocation has no sex field/,
    },
    {
      name: "an unknown partner",
      indicator: { ...enrolled, compute: { ...enrolled.compute!, partner: "XYZ" } },
      code: "project-invalid",
      message: /compute\.partner: "XYZ" is not one of the partners \(RJ, DAM, UCEP\)/,
    },
    {
      name: "a percent added up",
      indicator: { code: "p", title: "p", unit: "percent", counting: "sum", compute: { from: "event-attendance", date: "date", measure: "sum", field: "total" } },
      code: "project-invalid",
      message: /indicators\[0\]\.counting: a percent cannot be added up/,
    },
    {
      name: "a percent unique-counted",
      indicator: { code: "p", title: "p", unit: "percent", counting: "unique", compute: { from: "survivor-register", date: "enrolment_date", measure: "count-persons" } },
      code: "project-invalid",
      message: /a percent cannot be unique-counted/,
    },
    {
      name: "a formula naming an unknown indicator",
      indicator: { code: "rate", title: "r", unit: "percent", formula: "100 * {1.2.placed} / {1.1.enrolled}" },
      code: "unknown-indicator",
      message: /indicators\[0\]\.formula: \{1\.2\.placed\} is not an indicator code/,
    },
  ])("refuses $name", ({ indicator, code, message, hint }) => {
    const e = refusal([indicator as Input]);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    if (hint) expect(e.hint).toMatch(hint);
  });

  it("accepts a percent kept as a stock", () => {
    expect(() => compilePlan(makeProject([{ code: "p", title: "p", unit: "percent", counting: "latest", compute: { from: "event-attendance", date: "date", measure: "sum", field: "total" } }]))).not.toThrow();
  });

  it("refuses formulas that use each other in a circle", () => {
    const e = refusal([
      { code: "a", title: "a", unit: "number", formula: "{b} + 1" },
      { code: "b", title: "b", unit: "number", formula: "{a} * 2" },
    ]);
    expect(e.message).toMatch(/in a circle: a → b → a/);
  });

  it("selects indicators by code, by code prefix and by reference", () => {
    const plan = compilePlan(
      makeProject([
        enrolled,
        { ...enrolled, code: "1.1.dropped", reference: "F03" },
        { ...enrolled, code: "1.2.tna", reference: "F10" },
        { ...enrolled, code: "1.20", reference: "F99" },
      ]),
      ["1.1", "F10"],
    );
    expect(plan.output).toEqual(["1.1.enrolled", "1.1.dropped", "1.2.tna"]);
  });

  it("refuses an --indicator that matches nothing, listing the codes", () => {
    const e = refusal([enrolled], ["9.9"]);
    expect(e.code).toBe("unknown-indicator");
    expect(e.message).toBe("--indicator 9.9: no indicator has this code or starts with it");
    expect(e.hint).toBe("1 indicator code, under 1.1; `logframe aggregate` lists them.");
  });

  it.each([
    { want: "1.1.enroled", hint: "Did you mean 1.1.enrolled?" },
    { want: "enrolled", hint: "Did you mean 1.1.enrolled?" },
    { want: "1.2", hint: "Did you mean 1.2.tna, 1.2.tna_tsp?" },
    { want: "9.9", hint: "3 indicator codes, under 1.1, 1.2; `logframe aggregate` lists them." },
  ])("hints $hint for $want", ({ want, hint }) => {
    expect(codeHint(["1.1.enrolled", "1.2.tna", "1.2.tna_tsp"], want)).toBe(hint);
  });

  it("falls back to counting rows when a kind has no person ids", () => {
    const plan = compilePlan(makeProject([{ code: "x", title: "x", unit: "persons", counting: "unique", compute: { from: "event-attendance", date: "date", measure: "count-persons" } }]));
    expect(plan.indicators[0]).toMatchObject({ accType: "split", unique: false });
  });

  it("splits by sex by default only where the kind has a sex", () => {
    const plan = compilePlan(
      makeProject([
        enrolled,
        { code: "b", title: "b", unit: "BDT", compute: { from: "budget-allocation", date: "date", measure: "sum", field: "amount" } },
        { code: "e", title: "e", unit: "persons", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
      ]),
    );
    expect(plan.indicators.map((p) => p.type === "compute" && p.sexed)).toEqual([true, false, true]);
  });
});
