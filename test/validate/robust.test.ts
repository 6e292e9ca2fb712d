import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, NumberList, robustScale } from "../../src/validate/robust.js";

describe("NumberList", () => {
  it.each([
    { name: "NumberList: a short list gives back its values in order", n: 10 },
    { name: "NumberList: a list of exactly one chunk", n: 16_384 },
    { name: "NumberList: a list over several chunks gives every value back, in order and one by one", n: 50_001 },
  ])("$name", ({ n }) => {
    const list = new NumberList();
    for (let i = 0; i < n; i++) list.push(i * 1.5);
    expect(list.length).toBe(n);
    const values = list.values();
    expect(values.length).toBe(n);
    for (const i of [0, 1, n >> 1, n - 2, n - 1].filter((k) => k >= 0 && k < n)) {
      expect(values[i]).toBe(i * 1.5);
      expect(list.at(i)).toBe(i * 1.5);
    }
    expect(median(values)).toBe(median(Float64Array.from({ length: n }, (_, i) => i * 1.5)));
    // Its segments, read in turn, are the same values, and are views of the list's memory, not copies.
    const segments = list.segments();
    expect(segments.reduce((sum, seg) => sum + seg.length, 0)).toBe(n);
    expect(Float64Array.from(segments.flatMap((seg) => [...seg]))).toEqual(values);
    list.push(-1);
    expect(list.segments().at(-1)!.at(-1)).toBe(-1);
  });

  it("robustScale: the MAD scale, or the mean absolute deviation's when most values are equal", () => {
    expect(robustScale([1, 2, 3, 4, 100], 3)).toBeCloseTo(1.4826);
    expect(robustScale([5, 5, 5, 5, 9], 5)).toBeCloseTo(1.2533 * 0.8);
  });
});

describe("median by selection", () => {
  it("gives the median a full sort gives, for random lists of any length with many ties", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 40 }), { minLength: 1, maxLength: 300 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const n = s.length;
        const want = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
        expect(median(xs)).toBe(want);
      }),
      { seed: 20261205, numRuns: 2000 },
    );
  });

  it("gives the same median and scale worked out in a shared scratch array, and leaves the list in order", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 500, noNaN: true }), { minLength: 1, maxLength: 20_000 }), fc.nat({ max: 40 }), (xs, spare) => {
        const list = new NumberList();
        for (const x of xs) list.push(x);
        const scratch = new Float64Array(xs.length + spare).fill(7);
        const ordered = list.values(new Float64Array(xs.length + spare));
        expect([...ordered]).toEqual(xs);
        const med = median(ordered, scratch);
        expect(med).toBe(median(xs));
        expect(robustScale(ordered, med, scratch)).toBe(robustScale(xs, med));
        expect([...ordered]).toEqual(xs);
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});
