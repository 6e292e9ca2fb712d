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

  it("NumberList gives back exactly what was pushed, whole numbers kept as words until one is not: fractions, negatives, −0, NaN, numbers past 2^32", () => {
    const word = fc.integer({ min: 0, max: 2 ** 32 - 1 });
    const other = fc.oneof(fc.double(), fc.constantFrom(-0, -1, 2 ** 32, 2 ** 53 - 1, 0.5, NaN, Infinity));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40_000 }), fc.array(other, { maxLength: 20 }), fc.nat(), (words, others, seed) => {
        // The other values come in somewhere among the words (or not at all), at random places.
        const values = [...words];
        others.forEach((v, k) => values.splice((seed * (k + 1)) % (values.length + 1), 0, v));
        const list = new NumberList();
        for (const v of values) list.push(v);
        expect(list.length).toBe(values.length);
        const back = list.values();
        const segs = list.segments().flatMap((seg) => [...seg]);
        const wrong = values.findIndex((v, i) => !Object.is(list.at(i), v) || !Object.is(back[i], v) || !Object.is(segs[i], v));
        expect(wrong).toBe(-1);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it("NumberList: a list of whole numbers takes 4 bytes a value, one that widens 8", () => {
    const words = new NumberList();
    const wide = new NumberList();
    for (let i = 0; i < 50_000; i++) {
      words.push(i);
      wide.push(i === 30_000 ? 0.5 : i);
    }
    expect(words.segments().every((seg) => seg.BYTES_PER_ELEMENT === 4)).toBe(true);
    expect(wide.segments().every((seg) => seg.BYTES_PER_ELEMENT === 8)).toBe(true);
    expect(wide.at(29_999)).toBe(29_999);
    expect(wide.at(30_000)).toBe(0.5);
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
