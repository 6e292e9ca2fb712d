import { defineKind } from "../kind.js";

/**
 * `budget-allocation`: one row per local-government institution per fiscal year, with the amount it
 * allocated to counter-trafficking (Output 2.2: "Union Parishads allocating budget").
 */
export const budgetAllocation = defineKind({
  name: "budget-allocation",
  description: "One row per institution per fiscal year: institution, upazila, fiscal year, date of allocation, amount (BDT), purpose.",
  rowKey: ["institution", "fiscal_year"],
  fields: {
    institution: { type: "id", required: true, aliases: ["institution", "union", "union parishad", "up", "lgi"] },
    upazila: { type: "text", aliases: ["upazila", "upazilla"] },
    district: { type: "text", aliases: ["district"] },
    fiscal_year: { type: "text", required: true, aliases: ["fiscal year", "fy", "financial year"] },
    date: { type: "date", required: true, aliases: ["date", "allocation date", "date of allocation", "approved on"] },
    amount: { type: "number", required: true, aliases: ["amount", "amount (bdt)", "budget", "allocation", "allocated amount", "amount bdt"] },
    purpose: { type: "text", aliases: ["purpose", "head", "budget line", "remarks"] },
  },
});
