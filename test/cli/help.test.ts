import { execFileSync, spawn, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const bin = new URL("../../bin/logframe.js", import.meta.url).pathname;

describe("logframe CLI", () => {
  it("prints help listing its commands and exits 0", () => {
    const out = execFileSync("node", [bin, "--help"], { encoding: "utf8" });
    expect(out).toContain("Usage: logframe");
    expect(out).toContain("schema");
  });

  it("exits 2 with a one-line message on an unknown command", () => {
    const r = spawnSync("node", [bin, "frobnicate"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("prints a JSON Schema of the project file that names its top-level keys", () => {
    const schema = JSON.parse(execFileSync("node", [bin, "schema"], { encoding: "utf8" })) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["project", "partners", "sources", "logframe"]));
  });

  it("exits only once its output is flushed: a slow reader of the pipe still gets all of it (more than a pipe holds), and the exit code", async () => {
    const args = [bin, "trace", "1.1.enrolled", new URL("../../fixtures/ashshash", import.meta.url).pathname];
    const whole = execFileSync("node", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(whole.length).toBeGreaterThan(65_536);
    const child = spawn("node", args, { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.pause(); // the reader is slow: nothing is read for a while
    await new Promise((resolve) => setTimeout(resolve, 500));
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(whole);
  });
});
