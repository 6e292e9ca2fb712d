import type { IngestEvent } from "../../src/schema/table.js";
import { BATCH_FIELDS, BUDGET_FIELDS, EVENT_FIELDS, event, makeProject, makeTable, REGISTER_FIELDS, survivor, tableEvents } from "./helpers.js";

// ── A hand-built project with answers worked out by hand ──────────────────────────────────────────

export const project = makeProject([
  { code: "enrolled", title: "Survivors enrolled", unit: "persons", counting: "unique", targets: { female: 4, male: 2, total: 6, years: { PY1: { total: 3 } } }, compute: { from: "survivor-register", date: "enrolment_date", measure: "count-persons" } },
  { code: "dropped", title: "Survivors dropped out", unit: "persons", counting: "unique", compute: { from: "survivor-register", where: [{ field: "status", equals: "dropped" }], date: "dropout_date", measure: "count-persons" } },
  { code: "counselled-sum", title: "Counselling contacts", unit: "persons", counting: "sum", compute: { from: "survivor-register", date: "counselling_date", measure: "count-persons" } },
  { code: "families", title: "Families counselled", unit: "families", compute: { from: "survivor-register", date: "family_counselling_date", measure: "count-rows", sexed: false } },
  { code: "family-members", title: "Family members counselled", unit: "persons", compute: { from: "survivor-register", date: "family_counselling_date", measure: "sum-sexes", sexes: { female: "family_members_female", male: "family_members_male" } } },
  { code: "graduated", title: "Graduated", unit: "persons", counting: "unique", compute: { from: "tsp-batch-status", where: [{ field: "outcome", equals: "completed" }], date: "end_date", measure: "count-persons" } },
  { code: "placed", title: "Placed", unit: "persons", counting: "unique", compute: { from: "tsp-batch-status", where: [{ field: "employment", in: ["wage", "self"] }], date: "placement_date", measure: "count-persons" } },
  { code: "placement-rate", title: "Placement rate", unit: "percent", formula: "100 * {placed} / {graduated}" },
  { code: "participants", title: "Event participants", unit: "persons", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "events", title: "Events", unit: "events", compute: { from: "event-attendance", date: "date", measure: "count-rows", sexed: false } },
  { code: "tie", title: "TIE participants", unit: "persons", compute: { from: "event-attendance", where: [{ field: "event_type", equals: "TIE session" }], date: "date", measure: "sum-sexes" } },
  { code: "largest", title: "Largest quarterly attendance", unit: "persons", counting: "max", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "latest", title: "Attendance at the latest event", unit: "persons", counting: "latest", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "budget", title: "Budget allocated", unit: "BDT", compute: { from: "budget-allocation", date: "date", measure: "sum", field: "amount" } },
  { code: "ups", title: "Unions allocating budget", unit: "institutions", counting: "unique", compute: { from: "budget-allocation", date: "date", measure: "count-persons", field: "institution" } },
  { code: "meetings-unique", title: "Meeting attendance (no ids)", unit: "persons", counting: "unique", compute: { from: "event-attendance", date: "date", measure: "count-persons" } },
  { code: "rj-enrolled", title: "Enrolled by RJ", unit: "persons", counting: "unique", compute: { from: "survivor-register", partner: "RJ", date: "enrolment_date", measure: "count-persons" } },
  { code: "manual", title: "Staff", unit: "persons", targets: { total: 8 } },
]);

export const rjRegister = makeTable("survivor-register", "RJ", REGISTER_FIELDS, "register-2019-2021.xlsx", "Register");
export const rjRegister2 = makeTable("survivor-register", "RJ", REGISTER_FIELDS, "register-2022.xlsx", "Register");
export const damRegister = makeTable("survivor-register", "DAM", REGISTER_FIELDS, "dam-register.xlsx", "Register");
export const batches = makeTable("tsp-batch-status", "UCEP", BATCH_FIELDS, "batches.xlsx", "Batches");
export const events = makeTable("event-attendance", "RJ", EVENT_FIELDS, "events.xlsx", "Events");
export const budget = makeTable("budget-allocation", "RJ", BUDGET_FIELDS, "budget.xlsx", "Budget");

export const stream: IngestEvent[] = [
  ...tableEvents(rjRegister, [
    survivor("RJ-1", "female", "2019-11-07", { counselling_date: "2019-12-01", family_counselling_date: "2020-01-05", family_members_female: 2, family_members_male: 1 }),
    survivor("RJ-2", "female", "2020-03-31", { status: "dropped", dropout_date: "2021-02-01", counselling_date: "2020-04-01" }),
    survivor("RJ-3", "male", "2020-04-01", { counselling_date: "2021-07-01", family_counselling_date: "2021-07-01", family_members_female: 1, family_members_male: null }),
    survivor("RJ-4", null, "2021-06-30", { age: 16 }),
    survivor("RJ-5", "male", null),
  ]),
  // RJ-2 again in the next year's register: counselled once more; counted once as a person.
  ...tableEvents(rjRegister2, [survivor("rj-2 ", "female", "2022-01-10", { counselling_date: "2022-01-15" })]),
  ...tableEvents(damRegister, [
    survivor("DAM-1", "female", "2021-07-01", { district: "Satkhira", counselling_date: "2021-08-01" }),
    survivor("DAM-2", "other", "2022-12-31", { district: "Satkhira", age: 40 }),
    survivor("DAM-3", "female", "2023-01-01"),
  ]),
  ...tableEvents(batches, [
    { batch_id: "B1", trade: "Tailoring", training_type: "skill", survivor_id: "RJ-1", sex: "female", start_date: "2020-01-01", end_date: "2020-06-30", outcome: "completed", employment: "wage", placement_date: "2020-08-01" },
    { batch_id: "B1", trade: "Tailoring", training_type: "skill", survivor_id: "RJ-3", sex: "male", start_date: "2020-01-01", end_date: "2020-06-30", outcome: "completed", employment: "none", placement_date: null },
    { batch_id: "B2", trade: "Driving", training_type: "skill", survivor_id: "DAM-1", sex: "female", start_date: "2021-08-01", end_date: "2021-12-31", outcome: "completed", employment: "self", placement_date: "2022-02-01" },
    { batch_id: "B2", trade: "Driving", training_type: "skill", survivor_id: "RJ-2", sex: "female", start_date: "2021-08-01", end_date: null, outcome: "dropped", employment: null, placement_date: null },
  ]),
  ...tableEvents(events, [
    event("2020-02-10", "TIE session", 100, 50),
    event("2020-02-20", "POT show", 30, 20, 1),
    event("2021-09-01", "TIE session", 60, 40, 0, 110),
    event("2022-12-31", "POT show", 5, 5),
  ]),
  ...tableEvents(budget, [
    { institution: "Jhikargachha UP", upazila: "Jhikargachha", fiscal_year: "2021-22", date: "2021-09-01", amount: 15000 },
    { institution: "Jhikargachha UP", upazila: "Jhikargachha", fiscal_year: "2022-23", date: "2022-08-01", amount: 20000 },
    { institution: "Nabharan UP", upazila: "Sharsha", fiscal_year: "2021-22", date: "2022-06-30", amount: null },
  ]),
  { type: "finding", finding: { code: "missing-cell", severity: "error", message: "x" } },
];

