import fc from "fast-check";
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/aggregate/engine.js";
import { parsePeriod } from "../../src/aggregate/periods.js";
import type { IngestEvent } from "../../src/schema/table.js";
import type { SourceKindName } from "../../src/schema/kinds/index.js";
import type { ComputeSchema } from "../../src/schema/project.js";
import { validateProject, type ValidateOptions } from "../../src/validate/run.js";
import { batchEvents, cutsSpec, rowEvents, streamSpec, STREAM_PARTNERS } from "../schema/streams.js";
import { makeProject } from "./helpers.js";

type Where = NonNullable<z.input<typeof ComputeSchema>["where"]>;
const persons = (code: string, from: SourceKindName, date: string, where: Where = [], reference?: string) => ({
  code,
  ...(reference ? { reference } : {}),
  title: code,
  unit: "persons" as const,
  counting: "unique" as const,
  compute: { from, date, where, measure: "count-persons" as const },
});

/** Every kind as a source of every partner, indicators for claims, a funnel, a breakdown, a rule, and a policy. */
const project = makeProject({
  partners: [
    { code: "RJ", name: "Rights Jessore", type: "SPP" },
    { code: "DAM", name: "Dhaka Ahsania Mission", type: "SPP" },
    { code: "UCEP", name: "UCEP", type: "TSP" },
  ],
  sources: STREAM_PARTNERS.flatMap((partner) =>
    (["event-attendance", "survivor-register", "tsp-batch-status", "spp-target-achievement", "budget-allocation"] as const).map((kind) => ({ path: `${partner.toLowerCase()}/${kind}*.csv`, kind, partner })),
  ),
  logframe: {
    goal: { title: "Goal" },
    outcomes: [
      {
        code: "1",
        title: "Outcome",
        indicators: [
          persons("enrolled", "survivor-register", "enrolment_date", [], "F02"),
          persons("tna", "survivor-register", "tna_date", [{ field: "status", not_in: ["dropped"] }]),
          persons("graduated", "tsp-batch-status", "end_date", [{ field: "outcome", equals: "completed" }]),
          persons("graduated_skill", "tsp-batch-status", "end_date", [{ field: "outcome", equals: "completed" }, { field: "training_type", in: ["skill", "both"] }]),
          persons("placed", "tsp-batch-status", "placement_date", [{ field: "employment", in: ["wage", "self"] }]),
          { code: "participants", title: "Participants", unit: "persons", compute: { from: "event-attendance", date: "date", measure: "sum-sexes", where: [{ field: "event_type", matches: "tie|pot" }] } },
          { code: "budget", title: "Budget", unit: "BDT", compute: { from: "budget-allocation", date: "date", measure: "sum", field: "amount", sexed: false } },
        ],
      },
    ],
  },
  funnel: ["enrolled", "tna", "graduated", "placed"],
  breakdowns: [{ whole: "graduated", parts: ["graduated_skill"] }],
  rules: [{ name: "placed within graduated", left: "placed", operator: "<=", right: "graduated" }],
  checks: {
    suppress: [{ check: "outlier", partner: "DAM", reason: "DAM's events vary" }],
    severity: [{ check: "negative-count", severity: "warning", file: "ucep/**", reason: "UCEP corrects later" }],
  },
});

const figures = {
  period: (text: string) => parsePeriod(text, project),
  engine: (period: ReturnType<typeof parsePeriod>) => createEngine(project, { period, by: ["partner"] }),
};

async function validate(events: IngestEvent[], opts: Partial<ValidateOptions>) {
  return validateProject(events, project, { now: "2023-01-07", maxFindings: Infinity, ...opts });
}

describe("validation of batches", () => {
  it("gives the report of the same rows as row events, for streams of every kind cut into batches anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(streamSpec(), cutsSpec, fc.constantFrom(Infinity, 0, 7), fc.boolean(), async (tables, cuts, maxFindings, withFigures) => {
        const rows = rowEvents(tables);
        const opts: Partial<ValidateOptions> = { maxFindings, ...(withFigures ? { figures, periods: ["2021Q3", "FY2021-22"] } : {}) };
        expect(await validate(batchEvents(rows, cuts), opts)).toEqual(await validate(rows, opts));
      }),
      { seed: 20230107, numRuns: 300 },
    );
  });

  it("gives the report of row events for each check alone (so one check's batch method cannot hide behind another's findings)", async () => {
    const codes = ["sex-sum", "negative-count", "non-integer-count", "date-out-of-period", "date-in-future", "date-order", "duplicate-row", "duplicate-person", "unknown-reference", "outlier", "total-row-mismatch", "funnel-skip", "unknown-indicator"];
    await fc.assert(
      fc.asyncProperty(streamSpec(), cutsSpec, fc.constantFrom(...codes), async (tables, cuts, code) => {
        const rows = rowEvents(tables);
        expect(await validate(batchEvents(rows, cuts), { only: [code] })).toEqual(await validate(rows, { only: [code] }));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
