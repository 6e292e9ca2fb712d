import type { ReportIndicator, ReportModel } from "./model.js";

/** A date window, inclusive. */
export interface Window {
  from: string;
  to: string;
}

/** The figure windows a report shows: closeout one, progress the period and the phase to date. */
export interface FigureWindow {
  name: "period" | "cumulative";
  label: string;
  window: Window;
  pick(ind: ReportIndicator): ReportIndicator["actual"];
}

/** The windows of a report type. */
export function figureWindows(model: ReportModel): FigureWindow[] {
  const { period, project } = model;
  const cumulative: FigureWindow = { name: "cumulative", label: "Achievement (cumulative)", window: { from: project.phase.start, to: period.to }, pick: (i) => i.cumulative };
  const inPeriod: FigureWindow = {
    name: "period",
    label: model.type === "closeout" ? "Achievement" : "Achievement (this period)",
    window: period.cumulative ? cumulative.window : { from: period.from, to: period.to },
    pick: (i) => i.actual,
  };
  // A close-out over the whole phase has one set of figures; otherwise in-period and cumulative differ.
  const whole = period.cumulative || period.from <= project.phase.start;
  return model.type === "progress" || !whole ? [inPeriod, cumulative] : [inPeriod];
}

