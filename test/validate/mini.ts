import type { z } from "zod";
import type { ComputeSchema, ProjectFile, ProjectFileInput } from "../../src/schema/project.js";
import type { InputFile } from "../../src/schema/table.js";
import { makeProject, memoryFile, xlsxFile } from "./helpers.js";

/**
 * A small survivor pathway for the logframe checks: RJ's register, RRF's batches and RJ's claims
 * sheet, with indicators for enrolment, drop-out, active, TNA, graduation (by type) and placement.
 */
export function miniProject(extra: Partial<ProjectFileInput> = {}): ProjectFile {
  const persons = (code: string, reference: string, compute: Omit<z.input<typeof ComputeSchema>, "measure">) => ({
    code,
    reference,
    title: code,
    unit: "persons" as const,
    counting: "unique" as const,
    compute: { measure: "count-persons" as const, ...compute },
  });
  return makeProject({
    sources: [
      { path: "rj/register.csv", kind: "survivor-register", partner: "RJ" },
      { path: "rrf/batches.csv", kind: "tsp-batch-status", partner: "RRF" },
      { path: "rj/claims.xlsx", kind: "spp-target-achievement", partner: "RJ" },
    ],
    logframe: {
      goal: { title: "Goal" },
      outcomes: [
        {
          code: "1",
          title: "Outcome",
          indicators: [
            persons("1.1.enrolled", "F02", { from: "survivor-register", date: "enrolment_date" }),
            persons("1.1.dropped", "F03", { from: "survivor-register", where: [{ field: "status", equals: "dropped" }], date: "dropout_date" }),
            persons("1.1.active", "F04", { from: "survivor-register", where: [{ field: "status", equals: "active" }], date: "enrolment_date" }),
            persons("1.2.tna", "F10", { from: "survivor-register", date: "tna_date" }),
            persons("1.2.graduated", "F13", { from: "tsp-batch-status", where: [{ field: "outcome", equals: "completed" }], date: "end_date" }),
            persons("1.2.graduated_skill", "F14", { from: "tsp-batch-status", where: [{ field: "outcome", equals: "completed" }, { field: "training_type", equals: "skill" }], date: "end_date" }),
            persons("1.2.graduated_edt", "F15", { from: "tsp-batch-status", where: [{ field: "outcome", equals: "completed" }, { field: "training_type", equals: "edt" }], date: "end_date" }),
            persons("1.2.placed", "F17", { from: "tsp-batch-status", where: [{ field: "employment", in: ["wage", "self"] }], date: "placement_date" }),
          ],
        },
      ],
    },
    funnel: ["1.1.enrolled", "1.2.tna", "1.2.graduated", "1.2.placed"],
    breakdowns: [{ whole: "1.2.graduated", parts: ["1.2.graduated_skill", "1.2.graduated_edt"], name: "graduates by training type" }],
    rules: [{ name: "active", left: "1.1.active", operator: "==", right: "1.1.enrolled - 1.1.dropped" }],
    ...extra,
  });
}

const REGISTER = "Survivor ID,Sex,Enrolment date,Status,Drop-out date,TNA";
/** RJ's register: 4 survivors (2 F, 2 M), one dropped (M), three with a TNA unless told otherwise. */
export function register(opts: { tnaForR4?: boolean } = {}): InputFile {
  const rows = [
    "R1,F,2020-01-01,active,,2020-02-01",
    "R2,F,2020-01-02,active,,2020-02-01",
    "R3,M,2020-01-03,dropped,2020-03-01,",
    `R4,M,2020-01-04,active,,${opts.tnaForR4 === false ? "" : "2020-02-01"}`,
  ];
  return memoryFile("rj/register.csv", `${REGISTER}\n${rows.join("\n")}\n`);
}

const BATCH = "Batch ID,Training type,Survivor ID,Sex,Start date,End date,Outcome,Employment,Placement date";
/** RRF's batches: R1 (skill) and R2 (edt) and R4 (skill) graduate; R1 is placed. */
export function batches(): InputFile {
  const rows = ["B1,skill,R1,F,2020-03-01,2020-06-01,completed,wage,2020-07-01", "B1,skill,R4,M,2020-03-01,2020-06-01,completed,,", "B2,edt,R2,F,2020-03-01,2020-05-01,completed,,"];
  return memoryFile("rrf/batches.csv", `${BATCH}\n${rows.join("\n")}\n`);
}

/** A claims row: code, period, female, male, total. */
export type Claim = [string, string, number | null, number | null, number | null];

/** The figures the mini data gives, as RJ would claim them. */
export const TRUE_CLAIMS: readonly Claim[] = [
  ["F02", "phase", 2, 2, 4],
  ["F03", "phase", 0, 1, 1],
  ["F04", "phase", 2, 1, 3],
  ["F10", "phase", 2, 1, 3],
  ["F13", "phase", 2, 1, 3],
  ["F14", "phase", 1, 1, 2],
  ["F15", "phase", 1, 0, 1],
  ["F17", "phase", null, null, 1],
];

/** RJ's claims sheet (row 1 header, so the n-th claim is on row n + 1; achieved female/male/total in D/E/F). */
export function claims(rows: readonly Claim[] = TRUE_CLAIMS): Promise<InputFile> {
  return xlsxFile("rj/claims.xlsx", { Claims: [["Code", "Period", "Title", "Achievement female", "Achievement male", "Achievement total"], ...rows.map(([c, p, f, m, t]) => [c, p, c, f, m, t])] });
}

/** Replace some claims by code. */
export function claimsWith(changes: Record<string, Partial<{ female: number | null; male: number | null; total: number | null; period: string }>>): readonly Claim[] {
  return TRUE_CLAIMS.map(([code, period, f, m, t]) => {
    const c = changes[code];
    return c ? [code, c.period ?? period, c.female === undefined ? f : c.female, c.male === undefined ? m : c.male, c.total === undefined ? t : c.total] : [code, period, f, m, t];
  });
}
