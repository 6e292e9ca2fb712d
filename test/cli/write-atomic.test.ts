import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removeStaleTemps, writeAtomic } from "../../src/cli/write-atomic.js";

const module = new URL("../../src/cli/write-atomic.ts", import.meta.url).pathname;

function setup(): { dir: string; target: string; old: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), "logframe-atomic-"));
  const target = path.join(dir, "ashshash-closeout-phase.docx");
  const old = Buffer.from("the previous report, byte for byte\n");
  writeFileSync(target, old);
  return { dir, target, old };
}

/** A child that starts writing the target, says WRITING, then hangs mid-write until killed. */
function startHangingWriter(target: string) {
  const script = `
    import { writeAtomic } from ${JSON.stringify(module)};
    async function* chunks() {
      yield new Uint8Array(65536).fill(65);
      process.stdout.write("WRITING\\n");
      await new Promise(() => setInterval(() => {}, 1000));
    }
    await writeAtomic(${JSON.stringify(target)}, chunks());
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  const writing = new Promise<void>((ok, ko) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("WRITING") && ok());
    child.on("exit", (code) => ko(new Error(`child exited early (${code})`)));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.on("exit", (code, signal) => ok({ code, signal })));
  return { child, writing, exited };
}

describe("writeAtomic", () => {
  it("replaces the target with the complete new bytes", async () => {
    const { dir, target } = setup();
    await writeAtomic(target, new TextEncoder().encode("new report"));
    expect(readFileSync(target, "utf8")).toBe("new report");
    expect(readdirSync(dir)).toEqual([path.basename(target)]);
  });

  it("leaves the previous file byte-identical and no temp file when writing fails midway", async () => {
    const { dir, target, old } = setup();
    async function* failing() {
      yield new Uint8Array(1000).fill(66);
      throw new Error("disk on fire");
    }
    await expect(writeAtomic(target, failing())).rejects.toThrow("disk on fire");
    expect(readFileSync(target)).toEqual(old);
    expect(readdirSync(dir)).toEqual([path.basename(target)]);
  });

  it("on SIGINT mid-write exits 130, keeps the previous file and removes its temp file", async () => {
    const { dir, target, old } = setup();
    const { child, writing, exited } = startHangingWriter(target);
    await writing;
    expect(readdirSync(dir).length).toBe(2); // the target and the temp file being written
    child.kill("SIGINT");
    const { code } = await exited;
    expect(code).toBe(130);
    expect(readFileSync(target)).toEqual(old);
    expect(readdirSync(dir)).toEqual([path.basename(target)]);
  }, 60_000);

  it("after SIGKILL mid-write the previous file is intact and the next run removes the stale temp", async () => {
    const { dir, target, old } = setup();
    const { child, writing, exited } = startHangingWriter(target);
    await writing;
    child.kill("SIGKILL");
    await exited;
    expect(readFileSync(target)).toEqual(old);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toHaveLength(1);
    await removeStaleTemps(target);
    expect(readdirSync(dir)).toEqual([path.basename(target)]);
  }, 60_000);
});
