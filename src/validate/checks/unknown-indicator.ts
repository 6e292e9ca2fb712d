import type { DataRow, RowBatch } from "../../schema/table.js";
import type { Check } from "../context.js";
import { findingAt, logframeFinding } from "../locate.js";
import { compileRules } from "../rules/compile.js";

/**
 * `unknown-indicator`: a code the logframe does not have, named by a rule, the funnel, a breakdown, or
 * a claims row (matched on indicator code or reference). The claims finding sits on the code cell.
 */
export const unknownIndicator: Check = {
  code: "unknown-indicator",
  start(ctx) {
    const known = (code: string) => ctx.indicators.has(code);
    const report = (where: string, code: string) => ctx.report(logframeFinding("unknown-indicator", `${where} names ${code}, which is not in the logframe`, { indicator: code, actual: code }));
    for (const r of compileRules(ctx.project)) {
      for (const ref of r.refs) if (!known(ref.code)) report(`rules[${r.index}]${r.rule.name ? ` (${r.rule.name})` : ""}`, ref.code);
    }
    ctx.project.funnel.forEach((code, i) => known(code) || report(`funnel[${i}]`, code));
    ctx.project.breakdowns.forEach((b, i) => {
      if (!known(b.whole)) report(`breakdowns[${i}].whole`, b.whole);
      b.parts.forEach((code, j) => known(code) || report(`breakdowns[${i}].parts[${j}]`, code));
    });
    const run = {
      batch(batch: RowBatch): void {
        if (batch.table.kind !== "spp-target-achievement") return;
        for (let i = 0; i < batch.size; i++) run.row(batch.row(i));
      },
      row({ table, row, values }: DataRow): void {
        if (table.kind !== "spp-target-achievement") return;
        const code = values["code"];
        if (code === null || code === undefined || code === "") return;
        const text = String(code).trim();
        if (!known(text)) ctx.report(findingAt("unknown-indicator", table, row, "code", `${text} is not the code or reference of any indicator in the logframe`, { indicator: text, actual: text }));
      },
    };
    return run;
  },
};
