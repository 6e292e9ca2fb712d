/** The indicator engine: periods, the one-pass aggregation sink, and provenance (trace). */
export { formatDate, parsePeriod, PERIOD_FORMS, periodLabel, quarterOf, splitPeriod, SPLIT_UNITS, type SplitUnit } from "./periods.js";
export { ageBand, AGE_BANDS, DIMENSIONS, isDimension, type Dimension } from "./dimensions.js";
export { aggregateIndicators, createEngine, createMultiEngine, mergeStates, resultFromState, type Engine, type EngineOptions, type EngineState, type MultiEngine, type MultiEngineOptions } from "./engine.js";
export { compilePlan, type Plan } from "./compile.js";
export { evaluateFormula, parseFormula, type Expr } from "./formula.js";
export { achievementPct, pickTarget, statusOf, type Status } from "./targets.js";
export { traceIndicator, traceSumLine, type Trace, type TraceOptions, type TraceRow } from "./trace.js";
