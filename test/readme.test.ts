import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseProject } from "../src/index.js";

const root = new URL("..", import.meta.url).pathname;
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const bin = new URL("../bin/logframe.js", import.meta.url).pathname;

/** The fenced blocks of a language, in order. */
function blocks(lang: string): string[] {
  return [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
}

describe("README", () => {
  it("gives a project-file example that the project schema accepts", () => {
    const yaml = blocks("yaml");
    expect(yaml.length).toBeGreaterThan(0);
    expect(() => parseProject(yaml[0]!, "README.md")).not.toThrow();
  });

  it("gives JSON examples that parse", () => {
    for (const json of blocks("json")) expect(() => JSON.parse(json)).not.toThrow();
  });

  // Every tour command that does not write files runs as written (with the built CLI instead of npx).
  const tour = blocks("sh")[1]!
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.startsWith("npx logframe ") && !l.includes(" report ") && !l.includes(">"));
  it.each(tour)("runs the tour command `%s` without a failure", (line) => {
    const args = line.replace(/^npx logframe /, "").split(/\s+/);
    const r = spawnSync("node", [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, CI: "1" }, timeout: 120_000 });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect([0, 1]).toContain(r.status); // 1: the fixture's claims sheet has error findings on purpose
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});
