import { describe, expect, it } from "vitest";
import { createPseudonymiser } from "../../src/normalize/pseudonym.js";

describe("createPseudonymiser", () => {
  it("gives the same pseudonym for the same id and key, run after run", () => {
    expect(createPseudonymiser("k".repeat(16))("RJ-0412")).toBe(createPseudonymiser("k".repeat(16))("RJ-0412"));
  });

  it("gives different pseudonyms for different ids and for different keys", () => {
    const a = createPseudonymiser("a".repeat(16));
    const b = createPseudonymiser("b".repeat(16));
    expect(a("RJ-0001")).not.toBe(a("RJ-0002"));
    expect(a("RJ-0001")).not.toBe(b("RJ-0001"));
  });

  it("writes pseudonyms as P- and twelve hex digits, never containing the id", () => {
    const p = createPseudonymiser("secret-key-123456")("RJ-0412");
    expect(p).toMatch(/^P-[0-9a-f]{12}$/);
    expect(p).not.toContain("0412");
  });

  it("refuses a key shorter than 16 characters", () => {
    expect(() => createPseudonymiser("short")).toThrow(/16 characters/);
  });
});
