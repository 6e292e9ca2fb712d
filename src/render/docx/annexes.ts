import { AlignmentType, ImageRun, Paragraph, TextRun, type Table } from "docx";
import { sexBarChartSvg, svgToPng, type SexBarGroup } from "../chart.js";
import type { NumberFormatter } from "../format-number.js";
import { parseMarkup } from "../markup.js";
import type { ReportIndicator, ReportModel } from "../model.js";
import type { Narrative, NarrativeContext } from "../narrative.js";
import { bullet, blocksToParagraphs, heading, note, para, spacer, table, type CellSpec } from "./elements.js";
import { LANDSCAPE_WIDTH } from "./indicator-table.js";

type Child = Paragraph | Table;

/** The figure a report measures against the target: cumulative for a progress report. */
function measured(model: ReportModel, i: ReportIndicator) {
  return model.type === "progress" || i.targetBasis === "phase" ? i.cumulative : i.actual;
}

/** One shortfall against a sex target. */
export interface SexGap {
  indicator: ReportIndicator;
  sex: "female" | "male";
  target: number;
  achieved: number;
  pct: number;
}

/** Shortfalls against the female and male targets, the largest (relative) first. */
export function sexGaps(model: ReportModel): SexGap[] {
  const gaps: SexGap[] = [];
  for (const i of model.indicators) {
    const m = measured(model, i);
    if (!i.disaggregated || !m || !i.target) continue;
    for (const sex of ["female", "male"] as const) {
      const target = i.target[sex];
      if (target === undefined || target <= 0 || m[sex] >= target) continue;
      gaps.push({ indicator: i, sex, target, achieved: m[sex], pct: (100 * m[sex]) / target });
    }
  }
  return gaps.sort((a, b) => a.pct - b.pct || a.indicator.code.localeCompare(b.indicator.code));
}

/** The chart's groups: headline indicators split by sex. */
export function chartGroups(model: ReportModel): SexBarGroup[] {
  return model.indicators
    .filter((i) => i.headline && i.disaggregated && i.unit !== "percent" && measured(model, i))
    .map((i) => {
      const m = measured(model, i)!;
      return { label: i.phrase ?? i.title, female: { target: i.target?.female ?? null, achieved: m.female }, male: { target: i.target?.male ?? null, achieved: m.male } };
    });
}

/** Annex: gender-responsive report (female share, achievement by sex, largest gaps, chart). */
export function createGenderAnnex(model: ReportModel, narrative: Narrative, ctx: NarrativeContext, fmt: NumberFormatter, n: number): Child[] {
  const out: Child[] = [heading(`Annex ${n}: Gender-responsive report`, 1, { pageBreakBefore: true }), ...blocksToParagraphs(parseMarkup(narrative("annex-gender", ctx)), 2)];
  const rows: CellSpec[][] = [];
  const pctOf = (a: number, t: number | undefined) => (t && t > 0 ? fmt.percent((100 * a) / t) : "–");
  for (const i of model.indicators) {
    const m = measured(model, i);
    if (!i.disaggregated || !m || i.unit === "percent") continue;
    const share = m.total > 0 ? fmt.percent((100 * m.female) / m.total) : "–";
    rows.push([
      { text: `${i.reference ?? i.code}  ${i.title}` },
      { text: share, align: "right" },
      { text: fmt.number(i.target?.female), align: "right" },
      { text: fmt.number(m.female), align: "right" },
      { text: pctOf(m.female, i.target?.female), align: "right" },
      { text: fmt.number(i.target?.male), align: "right" },
      { text: fmt.number(m.male), align: "right" },
      { text: pctOf(m.male, i.target?.male), align: "right" },
    ]);
  }
  out.push(heading("Achievement against target by sex", 2));
  if (rows.length === 0) out.push(para("No indicator is counted by sex."));
  else
    out.push(
      table({
        widths: [6170, 1200, 1200, 1200, 1200, 1200, 1200, 1200],
        header: [
          [{ text: "Indicator", rowSpan: 2 }, { text: "Women's share", rowSpan: 2, align: "right" }, { text: "Women", colSpan: 3, align: "center" }, { text: "Men", colSpan: 3, align: "center" }],
          [{ text: "Target", align: "right" }, { text: "Achieved", align: "right" }, { text: "% of target", align: "right" }, { text: "Target", align: "right" }, { text: "Achieved", align: "right" }, { text: "% of target", align: "right" }],
        ],
        rows,
      }),
      spacer(),
    );

  out.push(heading("Largest gaps", 2));
  const gaps = sexGaps(model).slice(0, 5);
  if (gaps.length === 0) out.push(para("Every target set for women and for men was reached."));
  for (const g of gaps) {
    const who = g.sex === "female" ? "women" : "men";
    out.push(
      bullet([
        { text: `${g.indicator.code} ${g.indicator.title}: `, bold: true },
        { text: `${fmt.number(g.achieved)} ${who} against a target of ${fmt.number(g.target)} (${fmt.percent(g.pct)}), ${fmt.number(g.target - g.achieved)} short.` },
      ]),
    );
  }

  const groups = chartGroups(model);
  out.push(heading("Target and achievement by sex, headline indicators", 2));
  if (groups.length === 0) out.push(para("No headline indicator is counted by sex."));
  else {
    const svg = sexBarChartSvg(groups, fmt, "Target and achievement by sex");
    const png = svgToPng(svg, 2);
    const w = Math.round((LANDSCAPE_WIDTH / 1440) * 96 * 0.95);
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [new ImageRun({ type: "png", data: png, transformation: { width: w, height: Math.round((w * 484) / 1000) }, altText: { name: "chart", title: "Target and achievement by sex", description: groups.map((g) => `${g.label}: women ${g.female.achieved} of ${g.female.target ?? "no target"}, men ${g.male.achieved} of ${g.male.target ?? "no target"}`).join("; ") } })],
      }),
      note(`Figures ${model.type === "progress" ? "cumulative to the end of the period" : "for the reporting period"}; light bars are targets, dark bars achievements.`),
    );
  }
  return out;
}

const DIMENSION_LABEL: Record<string, string> = { partner: "Partner", district: "District", upazila: "Upazila", union: "Union", training_type: "Training type", event_type: "Event type", age_band: "Age band", trade: "Trade" };

/** Annex: figures by partner and district (the `by` breakdowns of the aggregate). */
export function createPartnerAnnex(model: ReportModel, fmt: NumberFormatter, n: number): Child[] {
  const out: Child[] = [heading(`Annex ${n}: Figures by partner and district`, 1, { pageBreakBefore: true })];
  out.push(para(model.type === "progress" ? "Figures for the period, by the partner whose sheet the row came from and by district." : "Figures for the reporting period, by the partner whose sheet the row came from and by district."));
  const names = new Map(model.partners.map((p) => [p.code, p.name]));
  const dims = model.by.length > 0 ? model.by : [];
  if (dims.length === 0) out.push(para("No breakdown was computed (run with --by partner,district)."));
  for (const dim of dims) {
    out.push(heading(`By ${(DIMENSION_LABEL[dim] ?? dim).toLowerCase()}`, 2));
    const rows: CellSpec[][] = [];
    for (const i of model.indicators) {
      const groups = Object.entries(i.by[dim] ?? {});
      groups.forEach(([key, s], k) => {
        const name = dim === "partner" && names.has(key) ? `${key} — ${names.get(key)}` : key === "(blank)" ? "(not recorded)" : key;
        const v = (x: number) => (i.unit === "percent" ? fmt.percent(x) : fmt.number(x));
        rows.push([
          { text: k === 0 ? `${i.reference ?? i.code}  ${i.title}` : "" },
          { text: name },
          { text: i.disaggregated ? v(s.female) : "–", align: "right" },
          { text: i.disaggregated ? v(s.male) : "–", align: "right" },
          { text: i.disaggregated ? v(s.other) : "–", align: "right" },
          { text: v(s.total), align: "right" },
        ]);
      });
    }
    if (rows.length === 0) out.push(para("No figures."));
    else out.push(table({ widths: [6170, 3600, 1200, 1200, 1200, 1200], header: [[{ text: "Indicator" }, { text: DIMENSION_LABEL[dim] ?? dim }, { text: "F", align: "right" }, { text: "M", align: "right" }, { text: "Other", align: "right" }, { text: "Total", align: "right" }]], rows }), spacer());
  }
  return out;
}

/** Annex: data quality (validation findings by check and by partner, counted by severity). */
export function createQualityAnnex(model: ReportModel, fmt: NumberFormatter, n: number): Child[] {
  const q = model.quality;
  const s = q.summary;
  const out: Child[] = [heading(`Annex ${n}: Data quality`, 1, { pageBreakBefore: true })];
  out.push(
    para(
      `logframe checked ${fmt.number(s.rows)} rows in ${fmt.number(s.files)} files: ${fmt.number(s.errors)} errors, ${fmt.number(s.warnings)} warnings and ${fmt.number(s.infos)} notes` +
        (s.suppressed > 0 ? `; ${fmt.number(s.suppressed)} findings were suppressed with a reason in the project file.` : ".") +
        (s.truncated ? " The list of findings was cut; the counts below cover the findings listed." : ""),
    ),
  );
  const counts = (c: { errors: number; warnings: number; infos: number }): CellSpec[] => [
    { text: fmt.number(c.errors), align: "right", bold: c.errors > 0 },
    { text: fmt.number(c.warnings), align: "right" },
    { text: fmt.number(c.infos), align: "right" },
  ];
  out.push(heading("Findings by check", 2));
  if (q.byCheck.length === 0) out.push(para("No findings."));
  else out.push(table({ widths: [3000, 7970, 1200, 1200, 1200], header: [[{ text: "Check" }, { text: "What it means" }, { text: "Errors", align: "right" }, { text: "Warnings", align: "right" }, { text: "Notes", align: "right" }]], rows: q.byCheck.map((c) => [{ text: c.code, mono: true }, { text: c.title }, ...counts(c)]) }), spacer());
  out.push(heading("Findings by partner", 2));
  const names = new Map(model.partners.map((p) => [p.code, p.name]));
  if (q.byPartner.length === 0) out.push(para("No findings."));
  else out.push(table({ widths: [10970, 1200, 1200, 1200], header: [[{ text: "Partner" }, { text: "Errors", align: "right" }, { text: "Warnings", align: "right" }, { text: "Notes", align: "right" }]], rows: q.byPartner.map((p) => [{ text: names.has(p.partner) ? `${p.partner} — ${names.get(p.partner)}` : p.partner }, ...counts(p)]) }), spacer());
  out.push(para("Every finding, with the file, sheet and cell it points at, is listed on the Findings sheet of the Excel workbook that accompanies this report.", { italics: true }));
  return out;
}

/** Annex: reproducibility (every input with its SHA-256, the project file's hash, version, command). */
export function createReproducibilityAnnex(model: ReportModel, fmt: NumberFormatter, n: number): Child[] {
  const out: Child[] = [heading(`Annex ${n}: Reproducibility`, 1, { pageBreakBefore: true })];
  out.push(para("The figures in this report were computed by logframe from the files below. Running the command at the end on files with the same SHA-256 fingerprints gives the same figures."));
  out.push(
    table({
      widths: [4300, 2200, 1000, 900, 6170],
      header: [[{ text: "File" }, { text: "Kind" }, { text: "Partner" }, { text: "Rows", align: "right" }, { text: "SHA-256" }]],
      rows: model.sources.map((s) => [{ text: s.path }, { text: s.kind }, { text: s.partner }, { text: fmt.number(s.rows), align: "right" }, { text: s.sha256, mono: true }]),
      size: 15,
    }),
    spacer(),
  );
  const facts: [string, string][] = [
    ["Project file", model.projectFile.path],
    ["Project file SHA-256", model.projectFile.sha256],
    ["logframe version", model.version],
    ["Report date", model.date],
    ["Command", model.command],
  ];
  out.push(table({ widths: [3000, 11570], header: [], rows: facts.map(([k, v]) => [{ text: k, bold: true }, { text: v, mono: k !== "Project file" && k !== "Report date" }]), size: 17 }));
  out.push(new Paragraph({ children: [new TextRun({ text: "", size: 2 })] }));
  return out;
}
