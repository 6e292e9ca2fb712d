import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkOf, digestOf, firstRepeats, KeyHasher, TEXT_MEMO_LIMIT, TEXT_MEMO_MAX_LENGTH } from "../../src/validate/places.js";
import { NumberList } from "../../src/validate/robust.js";

type Part = string | number | null;

/** [digest, check] of a key, hashed as duplicate-row does: kind, partner, then each field after a separator. */
function hashOf(h: KeyHasher, parts: readonly Part[]): [number, number] {
  h.reset().text("event-attendance").sep().text("RJ");
  for (const p of parts) {
    h.sep();
    if (p === null) continue;
    if (typeof p === "number") h.number(p);
    else h.text(p);
  }
  return [h.digest(), h.check()];
}

describe("KeyHasher", () => {
  it.each([
    { name: "KeyHasher: case and surrounding spaces do not change a text's hash", a: ["School A", 5], b: [" school a ", 5], same: true },
    { name: "KeyHasher: letters beyond ASCII are folded too", a: ["ÉCOLE"], b: ["école"], same: true },
    { name: "KeyHasher: the split between fields counts", a: ["ab", "c"], b: ["a", "bc"], same: false },
    { name: "KeyHasher: a blank field differs from a zero", a: [null, 2], b: [0, 2], same: false },
    { name: "KeyHasher: swapping two small numbers between fields changes the hash", a: [0, 17, 2, 19], b: [2, 17, 0, 19], same: false },
    { name: "KeyHasher: two numbers that differ in one high bit each do not cancel out", a: ["x", 0, 0, 0, 0], b: ["x", 0, 2, 0, 2], same: false },
    { name: "KeyHasher: a number differs from the same digits as text", a: [12], b: ["12"], same: false },
    { name: "KeyHasher: minus zero is zero", a: [-0, 3], b: [0, 3], same: true },
    { name: "KeyHasher: a count below 4096 hashes as any other number would", a: [4095, 4096.5], b: [4095, 4096.5], same: true },
    { name: "KeyHasher: counts either side of the kept ones differ", a: [4095], b: [4096], same: false },
  ])("$name", ({ a, b, same }) => {
    const h = new KeyHasher();
    expect(JSON.stringify(hashOf(h, a as Part[])) === JSON.stringify(hashOf(h, b as Part[]))).toBe(same);
  });

  it("KeyHasher: a text hashes the same from the memo, past its limit and when too long to remember", () => {
    const fresh = new KeyHasher();
    const long = "a long venue name ".repeat(Math.ceil(TEXT_MEMO_MAX_LENGTH / 10));
    const want = [hashOf(fresh, ["Venue 1", long]), hashOf(new KeyHasher(), ["Venue 99999"])];
    const h = new KeyHasher();
    // Fill the memo, then hash texts it has and texts it will not keep.
    for (let i = 0; i < TEXT_MEMO_LIMIT + 10; i++) hashOf(h, [`Venue ${i}`]);
    expect([hashOf(h, ["Venue 1", long]), hashOf(h, ["Venue 99999"])]).toEqual(want);
    expect(hashOf(h, ["Venue 1", long])).toEqual(want[0]);
  });

  it("KeyHasher: keys hashed a column at a time over many rows equal each row's key hashed alone", () => {
    const numbers = [0, -0, 1, 7, 4095, 4096, 4096.5, -3, 1e15, 2.5, NaN, NaN];
    const texts = ["School A", " school a ", "ÉCOLE", "", null, "Venue 9"];
    const rows = Array.from({ length: 200 }, (_, i) => ({ n: numbers[i % numbers.length]!, t: texts[(i * 7) % texts.length]!, v: i % 5 === 0 ? null : i % 3 === 0 ? i : `v${i % 4}` }));
    const size = rows.length;
    const h = new KeyHasher();
    const [h1, h2, filled] = [new Int32Array(size), new Int32Array(size), new Uint8Array(size)];
    h.reset().text("event-attendance").sep().text("RJ").fillState(h1, h2, size);
    h.mixNumbers(h1, h2, filled, Float64Array.from(rows.map((r) => r.n)), size);
    // The texts as codes into a list of words (code -1 and "" are blanks).
    const dict = [...new Set(rows.map((r) => r.t))];
    const [w1, w2, has] = [new Int32Array(dict.length), new Int32Array(dict.length), new Uint8Array(dict.length)];
    dict.forEach((t, c) => {
      if (t === null || t === "") has[c] = 2;
      else [w1[c], w2[c], has[c]] = [...h.textWords(t), 1];
    });
    const codes = Int32Array.from(rows.map((r) => (r.t === null ? -1 : dict.indexOf(r.t))));
    h.mixWordIds(h1, h2, filled, codes, has, w1, w2, size);
    rows.forEach((r, i) => h.mixValue(h1, h2, i, r.v));
    const alone = new KeyHasher();
    rows.forEach((r, i) => {
      const want = hashOf(alone, [Number.isNaN(r.n) ? null : r.n, r.t === "" ? null : r.t, r.v]);
      expect([digestOf(h1[i]!, h2[i]!), checkOf(h1[i]!, h2[i]!)], `row ${i}`).toEqual(want);
    });
  });

  it("KeyHasher: a million keys that differ only in four small counts give no collision", () => {
    const h = new KeyHasher();
    const seen = new Set<string>();
    let keys = 0;
    for (let f = 0; f < 32; f++)
      for (let m = 0; m < 32; m++)
        for (let o = -1; o < 31; o++)
          for (let t = 0; t < 32; t++) {
            const [d, c] = hashOf(h, ["2021-03-01", "TIE session", "School A", f, m, o < 0 ? null : o, t]);
            seen.add(`${d}:${c}`);
            keys++;
          }
    expect(seen.size).toBe(keys);
  });
});

describe("firstRepeats", () => {
  function listOf(hashes: ArrayLike<number>): NumberList {
    const list = new NumberList();
    for (let i = 0; i < hashes.length; i++) list.push(hashes[i]!);
    return list;
  }

  /** The pairs one Map of (hash, check) gives: each key met before, with the first index it had. */
  function reference(hashes: readonly number[], checks: readonly number[]): number[] {
    const first = new Map<string, number>();
    const out: number[] = [];
    hashes.forEach((h, i) => {
      const k = `${h}|${checks[i]}`;
      const j = first.get(k);
      if (j === undefined) first.set(k, i);
      else out.push(i, j);
    });
    return out;
  }

  it("firstRepeats pairs each repeated key with the first key like it, in key order, telling equal hashes apart by their check", () => {
    // Hashes from a few values (many repeats), spread over the top bits or sharing them, with checks
    // that sometimes differ for an equal hash.
    const hash = fc.oneof(fc.integer({ min: 0, max: 7 }).map((v) => v * 0x1000001), fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.constantFrom(0, 2 ** 32, 2 ** 32 + 5, 0xff000000));
    fc.assert(
      fc.property(fc.array(fc.tuple(hash, fc.integer({ min: 0, max: 2 })), { maxLength: 300 }), (keys) => {
        const hashes = keys.map((k) => k[0]);
        const checks = keys.map((k) => k[1]);
        expect([...firstRepeats(listOf(hashes), (i) => checks[i]!)]).toEqual(reference(hashes, checks));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("firstRepeats finds the repeats among 200,000 keys, most of them in one part of the top bits", () => {
    const n = 200_000;
    // Three in four keys share their top 8 bits, so one part is far larger than the others.
    const hashes = Float64Array.from({ length: n }, (_, i) => ((i % 4 === 0 ? 0x9e3779b9 * i : 0x00ffffff & (i * 2654435761)) >>> 0) + 2 ** 32 * (i % 7));
    for (let i = 5; i < n; i += 9973) hashes[i] = hashes[i - 5]!;
    const checks = Array.from({ length: n }, () => 1);
    expect([...firstRepeats(listOf(hashes), (i) => checks[i]!)]).toEqual(reference([...hashes], checks));
  });

  it("firstRepeats reads a NumberList of several segments and finds the repeats a Map finds", () => {
    // 100,000 keys: several full segments and a part-filled last one; equal low words with unequal
    // high ones (i % 5 × 2^32), and repeats across segment boundaries.
    const n = 100_000;
    const list = new NumberList();
    const all: number[] = [];
    for (let i = 0; i < n; i++) {
      const h = i % 3 === 0 ? (((i % 7919) * 2654435761) >>> 0) + 2 ** 32 * (i % 5) : i % 1000;
      list.push(h);
      all.push(h);
    }
    expect(list.segments().length).toBeGreaterThan(2);
    const checks = Array.from({ length: n }, (_, i) => i % 2);
    expect([...firstRepeats(list, (i) => checks[i]!)]).toEqual(reference(all, checks));
  });
});
