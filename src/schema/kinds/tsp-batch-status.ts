import { defineKind } from "../kind.js";

/**
 * `tsp-batch-status`: one row per trainee per batch, from a training-service provider (TSP), or an
 * SPP running mentor-mentee batches. Source of graduation and placement figures (Output 1.2).
 */
export const tspBatchStatus = defineKind({
  name: "tsp-batch-status",
  description: "One row per trainee per batch: batch, trade, training type, survivor id, sex, dates, outcome, employment and placement date.",
  personId: "survivor_id",
  rowKey: ["batch_id", "survivor_id"],
  fields: {
    batch_id: { type: "id", required: true, aliases: ["batch id", "batch", "batch no", "batch code", "batch name"] },
    trade: { type: "text", aliases: ["trade", "course", "trade name", "course name"] },
    training_type: { type: "category", required: true, aliases: ["training type", "type of training", "training", "type"], values: { skill: ["skill", "skills", "skill training", "technical"], edt: ["edt", "entrepreneurship", "entrepreneurship development training", "entrepreneurship development"], both: ["both", "skill + edt", "skill and edt", "skill & edt"], "mentor-mentee": ["mentor-mentee", "mentor mentee", "mm"] } },
    survivor_id: { type: "id", required: true, aliases: ["survivor id", "survivor_id", "trainee id", "id", "case id", "beneficiary id"] },
    name: { type: "text", identifying: true, aliases: ["name", "trainee name", "name of trainee", "survivor name"] },
    phone: { type: "text", identifying: true, aliases: ["phone", "mobile", "mobile no", "contact no"] },
    sex: { type: "sex", required: true, aliases: ["sex", "gender"] },
    start_date: { type: "date", required: true, aliases: ["start date", "training start", "start", "batch start", "from"] },
    end_date: { type: "date", aliases: ["end date", "training end", "end", "batch end", "to", "completion date"] },
    outcome: { type: "category", required: true, aliases: ["outcome", "status", "training status", "result"], values: { ongoing: ["ongoing", "running", "in training"], completed: ["completed", "graduated", "complete", "passed"], dropped: ["dropped", "drop out", "dropout", "dropped out"] } },
    employment: { type: "category", aliases: ["employment", "employment type", "placement", "placement type", "job type"], values: { wage: ["wage", "wage employment", "job", "salaried"], self: ["self", "self employment", "self-employment", "business"], none: ["none", "no", "not placed", "-", "unemployed"] } },
    placement_date: { type: "date", aliases: ["placement date", "date of placement", "employed on", "job start"] },
  },
});
