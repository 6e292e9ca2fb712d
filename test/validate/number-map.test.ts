import { describe, expect, it } from "vitest";
import { HashLocations } from "../../src/validate/number-map.js";
import { KeyHasher } from "../../src/validate/places.js";

describe("HashLocations", () => {
  it("gives back the first value stored for a hash and check, and undefined the first time", () => {
    const m = new HashLocations();
    expect(m.getOrSet(42, 7, 1)).toBeUndefined();
    expect(m.getOrSet(42, 8, 1)).toBe(7);
  });

  it("keeps two keys whose 53-bit hashes collide apart when their checks differ (no false duplicate)", () => {
    const m = new HashLocations();
    expect(m.getOrSet(42, 7, 1)).toBeUndefined();
    expect(m.getOrSet(42, 8, 2)).toBeUndefined();
    expect(m.getOrSet(42, 9, 2)).toBe(8);
    expect(m.size).toBe(2);
  });

  it("finds every key again after growing past its first capacity", () => {
    const m = new HashLocations();
    for (let i = 0; i < 5000; i++) expect(m.getOrSet(i * 7919, i, i % 13)).toBeUndefined();
    for (let i = 0; i < 5000; i++) expect(m.getOrSet(i * 7919, -1, i % 13)).toBe(i);
  });
});

describe("HashLocations at the edges", () => {
  it.each([
    { name: "HashLocations: hashes and values up to 2^53 - 1 come back exactly", hash: 2 ** 53 - 1, value: 2 ** 53 - 1 },
    { name: "HashLocations: a hash whose low 32 bits are zero is a key like any other", hash: 2 ** 40, value: 2 ** 32 },
    { name: "HashLocations: hash 0 and value 0 are stored", hash: 0, value: 0 },
  ])("$name", ({ hash, value }) => {
    const m = new HashLocations();
    expect(m.getOrSet(hash, value, 0xffffffff)).toBeUndefined();
    expect(m.getOrSet(hash, 1, 0xffffffff)).toBe(value);
    expect(m.getOrSet(hash, 1, 0)).toBeUndefined();
  });
});

describe("KeyHasher", () => {
  it("gives the same hash and check for the same key, whatever its case and outer spaces", () => {
    const a = new KeyHasher().reset().text("School A").sep().number(20);
    const b = new KeyHasher().reset().text(" school a ").sep().number(20);
    expect([a.digest(), a.check()]).toEqual([b.digest(), b.check()]);
  });

  it("gives different checks for keys that differ", () => {
    const checks = new Set<number>();
    for (let i = 0; i < 1000; i++) checks.add(new KeyHasher().reset().text(`venue ${i}`).check());
    expect(checks.size).toBe(1000);
  });
});
