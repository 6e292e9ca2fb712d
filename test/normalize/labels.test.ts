import { describe, expect, it } from "vitest";
import { foldLabel } from "../../src/normalize/fold.js";
import { isIdentifyingLabel } from "../../src/normalize/identifying.js";
import { buildResolver } from "../../src/normalize/labels.js";
import { eventAttendance, survivorRegister, tspBatchStatus } from "../../src/schema/kinds/index.js";

describe("foldLabel", () => {
  it.each([
    { text: "  Sl. No.: ", want: "sl no" },
    { text: "Sex (M/F)*", want: "sex m f" },
    { text: "Father's   Name", want: "fathers name" },
    { text: "Drop-out_Date #", want: "drop out date" },
    { text: "AMOUNT (BDT)", want: "amount bdt" },
  ])("$text → $want", ({ text, want }) => {
    expect(foldLabel(text)).toBe(want);
  });
});

describe("isIdentifyingLabel", () => {
  it.each([
    "Name", "Name of Survivor", "Father's Name", "Mother's name", "Husband Name", "Father/Husband name", "Mobile No.", "Phone Number",
    "Contact", "NID No", "National ID", "Birth Registration No", "Address", "Present Address", "Village", "Para", "নাম", "মোবাইল নম্বর", "ঠিকানা",
  ])("%s is personal data", (label) => {
    expect(isIdentifyingLabel(foldLabel(label))).toBe(true);
  });

  it.each(["Batch Name", "Name of Union", "Trade name", "Event type", "Venue", "Total", "Upazila", "Remarks"])("%s is not personal data", (label) => {
    expect(isIdentifyingLabel(foldLabel(label))).toBe(false);
  });
});

describe("buildResolver", () => {
  const noSource = { columns: {}, identifying: [] };

  it.each([
    { label: "Survivor ID", want: { field: "survivor_id", dropped: false } },
    { label: "Reg. No.", want: { field: "survivor_id", dropped: false } },
    { label: "Date of Enrolment", want: { field: "enrolment_date", dropped: false } },
    { label: "SEX (M/F)", want: { field: "sex", dropped: false } },
    { label: "Name of survivor", want: { field: "name", dropped: true } },
    { label: "Mother's Name", want: { dropped: true } },
    { label: "Remarks 2", want: undefined },
    { label: "", want: undefined },
  ])("survivor-register: $label", ({ label, want }) => {
    expect(buildResolver(survivorRegister, noSource).resolve(label)).toEqual(want);
  });

  it("lets the partner's own header name a field, ahead of the built-in aliases", () => {
    const r = buildResolver(eventAttendance, { columns: { total: "Sum of participants", venue: "Village" }, identifying: [] });
    expect([r.resolve("sum of participants"), r.resolve("Village")]).toEqual([
      { field: "total", dropped: false },
      { field: "venue", dropped: false },
    ]);
  });

  it("drops the source's own personal-data headers, even one that names a field", () => {
    const r = buildResolver(tspBatchStatus, { columns: {}, identifying: ["Guardian", "Trade"] });
    expect([r.resolve("guardian"), r.resolve("Trade")]).toEqual([{ dropped: true }, { dropped: true }]);
  });

  it("drops a column the partner mapped to an identifying field", () => {
    const r = buildResolver(survivorRegister, { columns: { phone: "Bikash No" }, identifying: [] });
    expect(r.resolve("Bikash No")).toEqual({ field: "phone", dropped: true });
  });

  it("lists the spellings tried for a field, the partner's first", () => {
    const r = buildResolver(eventAttendance, { columns: { total: "Sum" }, identifying: [] });
    expect(r.tried("total")).toEqual(["Sum", "total", "participants total", "total participants", "grand total"]);
  });
});
