import { describe, expect, it } from "vitest";
import { flattenText, parseMarkup } from "../../src/render/markup.js";

describe("parseMarkup", () => {
  it("reads headings, bullets, paragraphs, bold and placeholders", () => {
    expect(parseMarkup("# Challenges\n\n- first **bold** point\nplain [[fill me]] text\n## Sub")).toEqual([
      { type: "heading", level: 1, spans: [{ text: "Challenges" }] },
      { type: "bullet", spans: [{ text: "first " }, { text: "bold", bold: true }, { text: " point" }] },
      { type: "paragraph", spans: [{ text: "plain " }, { text: "fill me", placeholder: true }, { text: " text" }] },
      { type: "heading", level: 2, spans: [{ text: "Sub" }] },
    ]);
  });

  it("keeps XML-like text literal (the docx library escapes it)", () => {
    expect(parseMarkup("<w:t>&amp;</w:t>")).toEqual([{ type: "paragraph", spans: [{ text: "<w:t>&amp;</w:t>" }] }]);
  });
});

describe("flattenText", () => {
  it("keeps partner text on one line, so it cannot start a heading or bullet", () => {
    const blocks = parseMarkup(`Venue: ${flattenText("School\n# Injected heading\n- bullet [[x]] **y**")}`);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.type).toBe("paragraph");
    expect(blocks[0]!.spans).toEqual([{ text: "Venue: School # Injected heading - bullet [ [x] ] * *y* *" }]);
  });
});
