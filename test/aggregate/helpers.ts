import type { Value } from "../../src/schema/kind.js";
import type { SourceKindName } from "../../src/schema/kinds/index.js";
import { ProjectFileSchema, type ProjectFile, type ProjectFileInput } from "../../src/schema/project.js";
import type { DataRow, IngestEvent, Table } from "../../src/schema/table.js";

type IndicatorInput = ProjectFileInput["logframe"]["outcomes"][number]["indicators"] extends (infer I)[] | undefined ? I : never;

/** A small project around the given indicators: phase 2019-11-07..2022-12-31, partners RJ (SPP), DAM (SPP) and UCEP (TSP). */
export function makeProject(indicators: IndicatorInput[], extra: Partial<ProjectFileInput> = {}): ProjectFile {
  return ProjectFileSchema.parse({
    project: { name: "Test project", phase: { start: "2019-11-07", end: "2022-12-31" }, fiscal_year_start_month: 7 },
    partners: [
      { code: "RJ", name: "Rights Jessore", type: "SPP" },
      { code: "DAM", name: "Dhaka Ahsania Mission", type: "SPP" },
      { code: "UCEP", name: "UCEP Bangladesh", type: "TSP" },
    ],
    sources: [{ path: "x.csv", kind: "survivor-register", partner: "RJ" }],
    logframe: {
      goal: { title: "Goal" },
      outcomes: [
        {
          code: "1",
          title: "Outcome 1",
          outputs: [{ code: "1.1", title: "Output 1.1", indicators }],
        },
      ],
    },
    ...extra,
  });
}

/** A table of a kind for a partner; columns A.. in the order of `fields`. */
export function makeTable(kind: SourceKindName, partner: string, fields: string[], file = `${partner.toLowerCase()}-${kind}.xlsx`, sheet = "Sheet1"): Table {
  return {
    file,
    sheet,
    kind,
    partner,
    headerRows: [1],
    columns: fields.map((field, i) => ({ field, letter: String.fromCharCode(65 + i), label: field })),
  };
}

/** The events of a table and its rows (rows numbered from 2, under a one-row header). */
export function tableEvents(table: Table, rows: Record<string, Value>[], firstRow = 2): IngestEvent[] {
  return [{ type: "table", table }, ...rows.map((values, i): IngestEvent => ({ type: "row", row: { table, row: firstRow + i, values } satisfies DataRow }))];
}

export const REGISTER_FIELDS = ["survivor_id", "sex", "age", "district", "enrolment_date", "status", "dropout_date", "counselling_date", "family_counselling_date", "family_members_female", "family_members_male"];
export const EVENT_FIELDS = ["event_id", "date", "event_type", "union", "female", "male", "other", "total"];
export const BATCH_FIELDS = ["batch_id", "trade", "training_type", "survivor_id", "sex", "start_date", "end_date", "outcome", "employment", "placement_date"];
export const BUDGET_FIELDS = ["institution", "upazila", "fiscal_year", "date", "amount"];

/** A register row with defaults. */
export function survivor(id: string, sex: Value, enrolled: string | null, more: Record<string, Value> = {}): Record<string, Value> {
  return { survivor_id: id, sex, age: 25, district: "Jashore", enrolment_date: enrolled, status: "active", dropout_date: null, counselling_date: null, family_counselling_date: null, family_members_female: null, family_members_male: null, ...more };
}

/** An event row; total defaults to the sum of the parts. */
export function event(date: string, type: string, female: number, male: number, other = 0, total: number | null = female + male + other): Record<string, Value> {
  return { event_id: null, date, event_type: type, union: "Jhikargachha", female, male, other, total };
}
