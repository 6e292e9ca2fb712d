import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteDictionary } from "../../src/read/byte-dictionary.js";

describe("ByteDictionary", () => {
  it("numbers byte strings as a map keyed by their bytes would, wherever in whichever buffer they lie", () => {
    // Short strings over few letters share prefixes, lengths and words of four bytes; each is looked up
    // inside a buffer of its own at an odd offset, so the word reads meet every alignment.
    const spelling = fc.uint8Array({ minLength: 0, maxLength: 19 }).map((a) => a.map((b) => [97, 98, 0, 255][b % 4]!));
    fc.assert(
      fc.property(fc.array(spelling, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat(7)), { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (words, cells, limit) => {
        const dict = new ByteDictionary(limit);
        const model = new Map<string, number>();
        for (const [w, pad] of cells) {
          const bytes = words[w % words.length]!;
          // The bytes at offset `pad` of a buffer, read through the buffer itself or through a view of it
          // that starts one byte in (a non-zero byteOffset).
          const buf = new Uint8Array(pad + bytes.length + 3).fill(97);
          buf.set(bytes, pad);
          const [at, from] = pad > 0 && pad % 2 === 1 ? [buf.subarray(1), pad - 1] : [buf, pad];
          const key = Buffer.from(bytes).toString("hex");
          const found = dict.find(at, from, from + bytes.length);
          expect(found).toBe(model.get(key) ?? -1);
          if (found < 0) {
            const added = dict.add(at, from, from + bytes.length);
            expect(added).toBe(model.size < limit ? model.size : -1);
            if (added >= 0) model.set(key, added);
          }
        }
        expect(dict.size).toBe(model.size);
      }),
      { seed: 20261203, numRuns: 500 },
    );
  });

  it("tells apart two spellings of the same length and hash by their bytes", () => {
    // "EV-kaaaaa" and "EV-baaada" hash alike (found by search), so only the comparison of their bytes,
    // a word and then a byte at a time, can tell them apart.
    const dict = new ByteDictionary();
    const one = Buffer.from("EV-kaaaaa");
    const two = Buffer.from("xEV-baaada").subarray(1);
    expect(dict.find(one, 0, one.length)).toBe(-1);
    expect(dict.add(one, 0, one.length)).toBe(0);
    expect(dict.find(two, 0, two.length)).toBe(-1);
    expect(dict.add(two, 0, two.length)).toBe(1);
    expect(dict.find(Buffer.from("EV-baaada"), 0, 9)).toBe(1);
    expect(dict.find(Buffer.from("EV-kaaaaa"), 0, 9)).toBe(0);
  });
});
