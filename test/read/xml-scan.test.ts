import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReadProblem } from "../../src/read/problem.js";
import { XmlScanner } from "../../src/read/xml-scan.js";
import { parseXml } from "../../src/read/xml.js";

/** Scan `xml` in chunks of `size` bytes and record the events as strings. */
function events(xml: string, size = xml.length || 1, maxDepth = 64): string[] {
  const bytes = new TextEncoder().encode(xml);
  const out: string[] = [];
  const s = new XmlScanner("part.xml", {
    open: (name, attrs) => out.push(`<${name}${attrs.entries().map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join("")}>`),
    close: (name) => out.push(`</${name}>`),
    text: (view) => {
      const t = view.string();
      // Adjacent text events are one text node split by chunking: join them.
      if (out.length && out.at(-1)!.startsWith("text:")) out[out.length - 1] += t;
      else out.push(`text:${t}`);
    },
  }, maxDepth);
  for (let i = 0; i < bytes.length; i += size) s.write(bytes.subarray(i, i + size));
  s.close();
  return out;
}

function problem(xml: string, maxDepth = 64): ReadProblem {
  try {
    events(xml, xml.length, maxDepth);
  } catch (err) {
    if (err instanceof ReadProblem) return err;
    throw err;
  }
  throw new Error("no problem raised");
}

const good: { name: string; xml: string; events: string[] }[] = [
  { name: "elements, attributes and text", xml: `<?xml version="1.0"?><a x="1" y='two'><b>hi</b><c/></a>`, events: ['<a x="1" y="two">', "<b>", "text:hi", "</b>", "<c>", "</c>", "</a>"] },
  { name: "prefixes are dropped from element names, kept on attributes", xml: `<x:a xmlns:x="u" r:id="3"><x:b/></x:a>`, events: ['<a xmlns:x="u" r:id="3">', "<b>", "</b>", "</a>"] },
  { name: "the five entities and character references", xml: `<a t="&lt;&amp;&quot;">&gt;&apos;&#65;&#x1F363;</a>`, events: ['<a t="<&\\"">', "text:>'A🍣", "</a>"] },
  { name: "CDATA is text, comments and instructions are skipped", xml: `<a><!-- note --><?pi x?><![CDATA[<b>&amp;]]></a>`, events: ["<a>", "text:<b>&amp;", "</a>"] },
  { name: "a > inside an attribute value", xml: `<a f="x>y"/>`, events: ['<a f="x>y">', "</a>"] },
  { name: "spaces around = and before />", xml: `<a  k = "v"  />`, events: ['<a k="v">', "</a>"] },
  { name: "whitespace around the root is allowed", xml: `\n  <a/>\n`, events: ["<a>", "</a>"] },
];

describe("XmlScanner", () => {
  it.each(good)("xml scan: $name", ({ xml, events: want }) => {
    for (const size of [xml.length, 7, 1]) expect(events(xml, size), `chunks of ${size}`).toEqual(want);
  });

  it("xml scan: any chunking of a document gives the same events", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><sheet><row r="1"><c r="A1" t="s"><v>12</v></c><c r="B1"><is><t xml:space="preserve"> a &amp; b </t></is></c></row><!-- c --><row r="2"/></sheet>`;
    const whole = events(xml);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: xml.length }), (size) => {
        expect(events(xml, size)).toEqual(whole);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it("xml scan: damaged bytes give the same events, or a ReadProblem of the same code, whatever the chunking, and never another error", () => {
    const xml = `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>12</v></c><c r="B1" t="inlineStr"><is><t>ভাষা &amp; é</t></is></c></row><!-- c --><row r="2"><c r="A2" s="1"><v>-0.5</v></c></row></sheetData></worksheet>`;
    const base = new TextEncoder().encode(xml);
    /** The events of `bytes` scanned in chunks of `size` bytes (adjacent text joined), or the problem's code. */
    const outcome = (bytes: Uint8Array, size: number): string[] | string => {
      const out: string[] = [];
      const s = new XmlScanner(
        "part.xml",
        {
          open: (n, a) => out.push(`<${n} ${JSON.stringify(a.entries())}>`),
          close: (n) => out.push(`</${n}>`),
          text: (t) => (out.at(-1)?.startsWith("text:") ? (out[out.length - 1] += t.string()) : out.push(`text:${t.string()}`)),
        },
        64,
      );
      try {
        for (let i = 0; i < bytes.length; i += size) s.write(bytes.subarray(i, i + size));
        s.close();
      } catch (err) {
        if (!(err instanceof ReadProblem)) throw err;
        return err.code;
      }
      return out;
    };
    expect(outcome(base, 7)).toEqual(outcome(base, base.length));
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 40 }), (edits, size) => {
        const bytes = new Uint8Array(base);
        for (const e of edits) bytes[e.at % bytes.length] = e.byte;
        expect(outcome(bytes, size)).toEqual(outcome(bytes, bytes.length));
      }),
      { seed: 31, numRuns: 1000 },
    );
  });

  const bad: { name: string; xml: string; code: string; message: RegExp }[] = [
    { name: "a DOCTYPE", xml: `<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`, code: "xml-unsafe", message: /declares a DTD/ },
    { name: "mismatched tags", xml: `<a><b></a></b>`, code: "read-failed", message: /line 1: closing tag <\/a> does not match <b>/ },
    { name: "an unclosed element", xml: `<a><b></b>`, code: "read-failed", message: /<a> is never closed/ },
    { name: "an undefined entity", xml: `<a>&nbsp;</a>`, code: "read-failed", message: /undefined entity &nbsp;/ },
    { name: "a bare ampersand", xml: `<a>fish & chips</a>`, code: "read-failed", message: /a bare &/ },
    { name: "a control character", xml: `<a>\n\nx\u0001</a>`, code: "read-failed", message: /line 3: disallowed character U\+0001/ },
    { name: "a control character in an attribute value", xml: `<a>\n<b name="x\u0002y"/></a>`, code: "read-failed", message: /line 2: disallowed character U\+0002/ },
    { name: "a NUL character reference", xml: `<a>&#0;</a>`, code: "read-failed", message: /disallowed character reference/ },
    { name: "text outside the root", xml: `<?xml version="1.0"?>\nfoo\n<a/>`, code: "read-failed", message: /line 2: text data outside of the root element/ },
    { name: "two roots", xml: `<a/><b/>`, code: "read-failed", message: /a second root element/ },
    { name: "an unquoted attribute", xml: `<a x=1/>`, code: "read-failed", message: /not quoted/ },
    { name: "< in an attribute value", xml: `<a x="<"/>`, code: "read-failed", message: /< in an attribute value/ },
    { name: "no element at all", xml: `<?xml version="1.0"?>`, code: "read-failed", message: /holds no XML element/ },
    { name: "a document cut inside a tag", xml: `<a><b x="1"`, code: "read-failed", message: /unexpected end inside/ },
  ];

  it.each(bad)("xml scan: $name is refused with $code", ({ xml, code, message }) => {
    const p = problem(xml);
    expect(p.code).toBe(code);
    expect(p.message).toMatch(message);
    expect(p.message).toMatch(/part\.xml/);
  });

  it("xml scan: characters of 2, 3 and 4 bytes cut between chunks at every byte read whole, in text, attributes and names", () => {
    const xml = `<r a="é€𝄞"><ভাষা>é€𝄞 ভাষা</ভাষা><t>&amp;é</t></r>`;
    const want = ['<r a="é€𝄞">', "<ভাষা>", "text:é€𝄞 ভাষা", "</ভাষা>", "<t>", "text:&é", "</t>", "</r>"];
    for (const size of [1, 2, 3, 5]) expect(events(xml, size), `chunks of ${size} bytes`).toEqual(want);
  });

  it("xml scan: text longer than what is held for its end tag arrives in pieces that join to the whole, never cutting a character or an entity", () => {
    const long = "ab&amp;é€𝄞".repeat(20_000); // ~300 KB
    const pieces: string[] = [];
    const s = new XmlScanner("part.xml", { open() {}, close() {}, text: (t) => void pieces.push(t.string()) }, 64);
    const bytes = new TextEncoder().encode(`<r>${long}</r>`);
    for (let i = 0; i < bytes.length; i += 16_383) s.write(bytes.subarray(i, i + 16_383));
    s.close();
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe("ab&é€𝄞".repeat(20_000));
  });

  const badBytes: { name: string; bytes: number[]; message: RegExp }[] = [
    { name: "a byte that starts no UTF-8 character", bytes: [...Buffer.from("<a>"), 0xff, ...Buffer.from("</a>")], message: /part\.xml is not valid UTF-8 text/ },
    { name: "a character cut short inside the text", bytes: [...Buffer.from("<a>"), 0xe2, 0x82, ...Buffer.from("</a>")], message: /part\.xml is not valid UTF-8 text/ },
    { name: "a lone lead byte where markup expects a quote", bytes: [...Buffer.from('<a x='), 0xc0, ...Buffer.from('1"/>')], message: /part\.xml is not valid UTF-8 text/ },
    { name: "a part that ends inside a character", bytes: [...Buffer.from("<a/>"), 0xe2, 0x82], message: /part\.xml is not valid UTF-8 text/ },
    { name: "U+FFFE, a non-character", bytes: [...Buffer.from("<a>"), 0xef, 0xbf, 0xbe, ...Buffer.from("</a>")], message: /disallowed character U\+FFFE/ },
  ];

  it.each(badBytes)("xml scan: $name is refused, whatever the chunking", ({ bytes, message }) => {
    for (const size of [bytes.length, 1, 4]) {
      const s = new XmlScanner("part.xml", { open() {}, close() {}, text() {} }, 64);
      const run = () => {
        for (let i = 0; i < bytes.length; i += size) s.write(Uint8Array.from(bytes.slice(i, i + size)));
        s.close();
      };
      expect(run, `chunks of ${size} bytes`).toThrow(message);
    }
  });

  it("xml scan: nesting deeper than the limit is refused as unsafe", () => {
    const p = problem(`${"<r>".repeat(10)}${"</r>".repeat(10)}`, 5);
    expect([p.code, p.message]).toEqual(["xml-unsafe", "part.xml nests elements more than 5 deep; no real workbook does: the part was refused"]);
  });
});

describe("parseXml", () => {
  /** Text of every `<t>` and the number of `afterChunk` calls, for `xml` handed over as `chunks` byte pieces. */
  async function parsed(bytes: Uint8Array, chunk: number): Promise<{ texts: string[]; pieces: number }> {
    const texts: string[] = [];
    let text: string | undefined;
    let pieces = 0;
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    }
    await parseXml(chunks(), "part.xml", { open: (n) => void (n === "t" && (text = "")), close: (n) => void (n === "t" && (texts.push(text!), (text = undefined))), text: (t) => void (text !== undefined && (text += t.string())), afterChunk: () => void pieces++ }, 64);
    return { texts, pieces };
  }

  it("hands the scanner a large chunk in pieces of at most 16 KB, so a consumer's batches do not grow with the zip's chunks, and keeps characters split between pieces whole", async () => {
    // Multi-byte characters (2, 3 and 4 bytes) at every alignment, so some straddle a piece's edge.
    const words = Array.from({ length: 8000 }, (_, i) => `${"é".repeat(i % 3)}ভাষা ${i} 𝄞`);
    const xml = `<?xml version="1.0" encoding="UTF-8"?><r>${words.map((w) => `<t>${w}</t>`).join("")}</r>`;
    const bytes = new TextEncoder().encode(xml);
    expect(bytes.length).toBeGreaterThan(200_000);
    const whole = await parsed(bytes, 1 << 20);
    expect(whole.texts).toEqual(words);
    expect(whole.pieces).toBe(Math.ceil(bytes.length / 16384));
    const small = await parsed(bytes, 1000);
    expect(small.texts).toEqual(words);
    expect(small.pieces).toBe(Math.ceil(bytes.length / 1000));
  });

  it("skips a UTF-8 byte-order mark, and reads a UTF-16 part as its text", async () => {
    const xml = `<?xml version="1.0"?><r><t>Zürich 𝄞</t></r>`;
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(xml, "utf16le")]);
    for (const bytes of [utf8, utf16]) for (const chunk of [bytes.length, 3]) expect((await parsed(bytes, chunk)).texts).toEqual(["Zürich 𝄞"]);
  });
});
