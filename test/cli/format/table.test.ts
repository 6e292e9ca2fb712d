import { describe, expect, it } from "vitest";
import { formatNumber } from "../../../src/cli/format/number.js";
import { renderTable, truncate } from "../../../src/cli/format/table.js";

describe("text tables", () => {
  it("aligns columns, right-aligning figures", () => {
    const lines = renderTable([{ header: "Code" }, { header: "Total", align: "right" }], [["1.1.enrolled", "930"], ["2.1.tie", "1,978"]]);
    expect(lines).toEqual(["Code         Total", "1.1.enrolled   930", "2.1.tie      1,978"]);
  });

  it("gives the flexible column what is left of the width, cutting its cells", () => {
    const lines = renderTable([{ header: "Code" }, { header: "Title", flex: true, min: 5 }, { header: "N", align: "right" }], [["a", "A very long indicator title that will not fit", "1"]], 20);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines[1]).toBe("a    A very long … 1");
  });

  it("caps a column at its max", () => {
    expect(renderTable([{ header: "Code", max: 6 }], [["2.2.up_budget_institutions"]])[1]).toBe("2.2.u…");
  });

  it("cuts text with an ellipsis only when it is too long", () => {
    expect([truncate("abc", 3), truncate("abcd", 3), truncate("abcd", 1)]).toEqual(["abc", "ab…", "…"]);
  });

  it("groups digits the international or the Indian way", () => {
    expect(formatNumber(110000)).toBe("110,000");
    expect(formatNumber(110000, "indian")).toBe("1,10,000");
    expect(formatNumber(11452498, "indian")).toBe("1,14,52,498");
    expect(formatNumber(66.6666, "international", 1)).toBe("66.7");
    expect(formatNumber(null)).toBe("—");
  });
});
