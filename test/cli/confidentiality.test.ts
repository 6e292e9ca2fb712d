import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { unzipText } from "../render/docx/extract.js";

const bin = new URL("../../bin/logframe.js", import.meta.url).pathname;
const KEY = "test-key-0123456789-abcdef";

// A register with the personal data partners really send: names, fathers' names, phones, NIDs, villages.
const NAMES = ["Rahima Khatun", "Abdul Karim", "Shirin Akter", "Jamal Uddin"];
const PHONES = ["01711-223344", "01812-556677", "01913-889900", "01614-112233"];
const NIDS = ["19901234567890", "19887654321098", "19931122334455", "19945566778899"];
const VILLAGES = ["Kholshi Para", "Dhakuria Bazar", "Rohita Uttarpara", "Kashimnagar Purbo"];
const IDS = ["RJ-9001", "RJ-9002", "RJ-9003", "RJ-9002"]; // RJ-9002 twice: a duplicate-person finding names it
const SECRETS = [...NAMES, ...PHONES, ...NIDS, ...VILLAGES, "Md. Rafiq", "Sultana Begum"];

function project(dir: string): void {
  const rows = IDS.map((id, i) =>
    [id, NAMES[i], i % 2 ? "Md. Rafiq" : "Sultana Begum", PHONES[i], NIDS[i], VILLAGES[i], i % 2 ? "M" : "F", "2021-03-0" + (i + 1), "active"].join(","),
  );
  writeFileSync(
    path.join(dir, "register.csv"),
    ["Survivor ID,Name,Father's Name,Mobile No,NID,Village,Sex,Enrolment Date,Status", ...rows].join("\n") + "\n",
  );
  writeFileSync(
    path.join(dir, "logframe.yaml"),
    `project: { name: Confidential, phase: { start: 2020-01-01, end: 2022-12-31 } }
partners: [{ code: RJ, name: Rights Jessore, type: SPP }]
sources: [{ path: register.csv, kind: survivor-register, partner: RJ }]
logframe:
  goal: { title: Test }
  outcomes:
    - code: "1"
      title: Outcome
      outputs:
        - code: "1.1"
          title: Output
          indicators:
            - code: 1.1.enrolled
              title: Survivors enrolled
              unit: persons
              counting: unique
              headline: true
              phrase: survivors enrolled
              targets: { total: 4 }
              compute: { from: survivor-register, date: enrolment_date, measure: count-persons }
`,
  );
}

function run(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync("node", [bin, ...args], { encoding: "utf8", cwd: dir, env: { ...process.env, CI: "1", ...env }, timeout: 120_000 });
}

/** Every text output of every command, and the text inside the docx and xlsx. */
async function allOutputs(dir: string, global: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const texts: string[] = [];
  for (const args of [
    ["validate"],
    ["validate", "--format", "json"],
    ["validate", "--format", "junit"],
    ["validate", "--format", "github"],
    ["aggregate", "--format", "json"],
    ["aggregate", "--format", "csv"],
    ["trace", "1.1.enrolled"],
    ["trace", "1.1.enrolled", "--format", "json"],
    ["report", "--out", "out", "--date", "2023-01-01", "--fail-on", "never", "--quiet"],
  ]) {
    const r = run(dir, [...global, ...args], env);
    expect(r.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
    texts.push(r.stdout, r.stderr);
  }
  for (const ext of ["docx", "xlsx"]) {
    const parts = await unzipText(readFileSync(path.join(dir, "out", `confidential-closeout-phase.${ext}`)));
    texts.push(...parts.values());
  }
  return texts.join("\n");
}

describe("survivor confidentiality", () => {
  let plain: string;
  let pseudonymised: string;
  beforeAll(async () => {
    const a = mkdtempSync(path.join(tmpdir(), "logframe-conf-"));
    project(a);
    plain = await allOutputs(a, [], {});
    const b = mkdtempSync(path.join(tmpdir(), "logframe-conf-p-"));
    project(b);
    pseudonymised = await allOutputs(b, ["--pseudonymise"], { LOGFRAME_PSEUDONYM_KEY: KEY });
  }, 300_000);

  it("keeps names, phone numbers, national ids and villages out of every output (text, json, junit, github, csv, trace, docx, xlsx)", () => {
    for (const secret of SECRETS) expect(plain, secret).not.toContain(secret);
    // The outputs are not empty: the figure and the duplicate are there.
    expect(plain).toContain("duplicate-person");
    expect(plain).toContain("RJ-9002");
  });

  it("with --pseudonymise, replaces survivor ids by stable keyed pseudonyms everywhere", async () => {
    for (const id of new Set(IDS)) expect(pseudonymised, id).not.toContain(id);
    for (const secret of SECRETS) expect(pseudonymised, secret).not.toContain(secret);
    const { createPseudonymiser } = await import("../../src/index.js");
    const p = createPseudonymiser(KEY)("RJ-9002");
    expect(p).toMatch(/^P-[0-9a-f]{12}$/);
    expect(pseudonymised).toContain(p);
  });

  it("refuses --pseudonymise without a key in the environment (exit 2, one line, no stack)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "logframe-conf-k-"));
    project(dir);
    const r = run(dir, ["--pseudonymise", "validate"], { LOGFRAME_PSEUDONYM_KEY: "" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("LOGFRAME_PSEUDONYM_KEY");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
