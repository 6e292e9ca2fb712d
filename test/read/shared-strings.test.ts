import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SharedStrings } from "../../src/read/xlsx-parts.js";

describe("SharedStrings", () => {
  it("gives back every entry as added, across pools of 4,096, with the lengths of entries too long to hold", () => {
    const entry = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("", "মহিলা", "EV-0000001", "a\u0000b", "😀"), fc.nat(40_000).map((n) => 32_768 + n));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 9_000 }), (entries) => {
        const sst = new SharedStrings();
        for (const e of entries) {
          if (typeof e === "number") sst.addTooLong(e);
          else sst.add(e);
        }
        sst.seal();
        expect(sst.length).toBe(entries.length);
        for (let i = 0; i < entries.length; i++) expect(sst.at(i)).toBe(entries[i]);
        expect(sst.at(entries.length)).toBeUndefined();
        expect(sst.at(-1)).toBeUndefined();
        expect(sst.at(0.5)).toBeUndefined();
        expect(sst.at(NaN)).toBeUndefined();
      }),
      { seed: 20261203, numRuns: 40 },
    );
  });

  it("reads 10,000 entries of one pool after another, each at its own index", () => {
    const sst = new SharedStrings();
    for (let i = 0; i < 10_000; i++) sst.add(`EV-${i}`);
    sst.seal();
    expect([0, 4095, 4096, 8191, 8192, 9999].map((i) => sst.at(i))).toEqual(["EV-0", "EV-4095", "EV-4096", "EV-8191", "EV-8192", "EV-9999"]);
  });
});
