/** Validation: the checks catalogue run over the ingest stream, rules, policy, and the Report. */
export { CHECKS } from "./checks/index.js";
export type { Check, CheckContext, CheckRun, EndContext } from "./context.js";
export { computedFigures, FIGURE_SEXES, type Figure, type FigureSet, type FigureSex } from "./figures.js";
export { compileRules, type CompiledRule } from "./rules/compile.js";
export { evaluate, ExpressionError, formatExpression, parseExpression, refsOf, type Expr, type RefNode } from "./rules/expression.js";
export { createPolicy } from "./policy.js";
export { claimPeriods, createValidator, scanClaims, DEFAULT_MAX_FINDINGS, selectCodes, validateProject, type FigureHooks, type ValidateOptions } from "./run.js";
