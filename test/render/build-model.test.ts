import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/errors/report.js";
import { NO_PARTNER, summariseQuality } from "../../src/render/build-model.js";
import { sampleModel } from "./sample-model.js";

describe("summariseQuality", () => {
  it("counts findings by check and by partner, by severity", () => {
    const q = summariseQuality(
      buildReport(
        [
          { code: "sex-sum", severity: "error", message: "a", partner: "RJ" },
          { code: "sex-sum", severity: "error", message: "b", partner: "DAM" },
          { code: "unknown-sex", severity: "warning", message: "c", partner: "RJ" },
          { code: "breakdown-sum", severity: "error", message: "d" },
        ],
        { files: 2, rows: 10 },
      ),
    );
    expect(q.byCheck).toEqual([
      { code: "breakdown-sum", title: "Breakdown does not add up", errors: 1, warnings: 0, infos: 0 },
      { code: "sex-sum", title: "Sexes do not add up", errors: 2, warnings: 0, infos: 0 },
      { code: "unknown-sex", title: "Sex not recorded", errors: 0, warnings: 1, infos: 0 },
    ]);
    expect(q.byPartner).toEqual([
      { partner: NO_PARTNER, errors: 1, warnings: 0, infos: 0 },
      { partner: "DAM", errors: 1, warnings: 0, infos: 0 },
      { partner: "RJ", errors: 1, warnings: 1, infos: 0 },
    ]);
  });
});

describe("buildReportModel", () => {
  it("carries headline flags, phrases, computes and the target basis of each indicator", async () => {
    const model = await sampleModel();
    const enrolled = model.indicators.find((i) => i.code === "1.1.enrolled")!;
    expect(enrolled).toMatchObject({ headline: true, phrase: "survivors enrolled", targetBasis: "phase", compute: { measure: "count-persons" } });
    expect(model.project.slug).toBe("ashshash-for-men-women-who-have-escaped-trafficking");
    expect(model.by).toEqual(["district", "partner"]);
  });

  it("keeps no identifying field in the data sheets", async () => {
    const model = await sampleModel();
    const fields = model.data.flatMap((d) => d.fields);
    for (const f of ["name", "father_name", "phone", "national_id", "address"]) expect(fields).not.toContain(f);
  });
});
