import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import type { NumberFormatter } from "./format-number.js";

/** One group of bars: an indicator's target and achievement for women and men. */
export interface SexBarGroup {
  label: string;
  female: { target: number | null; achieved: number };
  male: { target: number | null; achieved: number };
}

const COLOURS = { targetF: "#F4B6C2", achievedF: "#C0392B", targetM: "#AFCBEA", achievedM: "#1F4E8C", axis: "#595959", grid: "#E0E0E0", text: "#262626" };
const FONT = "DejaVu Sans";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Break a label into lines of at most `width` characters. */
function wrap(text: string, width: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if ((line + " " + word).trim().length > width && line) {
      lines.push(line);
      line = word;
    } else line = (line + " " + word).trim();
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
    return kept;
  }
  return lines;
}

/** A "nice" axis maximum and step: 1, 2 or 5 times a power of ten. */
function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 5;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= rough)!;
  return { top: Math.ceil(max / step) * step, step };
}

/**
 * A grouped bar chart as SVG: for each indicator, women's target and achievement, then men's, with a
 * value on each bar and a legend. Pure: the same groups give the same SVG.
 */
export function sexBarChartSvg(groups: readonly SexBarGroup[], fmt: NumberFormatter, title: string): string {
  const width = 1000;
  const left = 70;
  const right = 20;
  const top = 70;
  const plotH = 330;
  const labelH = 84;
  const height = top + plotH + labelH;
  const max = Math.max(1, ...groups.flatMap((g) => [g.female.target ?? 0, g.female.achieved, g.male.target ?? 0, g.male.achieved]));
  const { top: axisTop, step } = niceScale(max);
  const y = (v: number) => top + plotH - (v / axisTop) * plotH;
  const groupW = (width - left - right) / Math.max(1, groups.length);
  const barW = Math.min(34, (groupW * 0.8) / 4);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`);
  out.push(`<rect width="${width}" height="${height}" fill="#FFFFFF"/>`);
  out.push(`<text x="${left}" y="24" font-size="17" font-weight="bold" fill="${COLOURS.text}">${esc(title)}</text>`);
  // Legend
  const legend: [string, string][] = [
    ["Target, women", COLOURS.targetF],
    ["Achieved, women", COLOURS.achievedF],
    ["Target, men", COLOURS.targetM],
    ["Achieved, men", COLOURS.achievedM],
  ];
  legend.forEach(([label, colour], i) => {
    const x = left + i * 190;
    out.push(`<rect x="${x}" y="38" width="14" height="14" fill="${colour}"/>`);
    out.push(`<text x="${x + 20}" y="50" font-size="13" fill="${COLOURS.text}">${esc(label)}</text>`);
  });
  // Grid and axis
  for (let v = 0; v <= axisTop + 1e-9; v += step) {
    out.push(`<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${v === 0 ? COLOURS.axis : COLOURS.grid}" stroke-width="1"/>`);
    out.push(`<text x="${left - 8}" y="${(y(v) + 4).toFixed(1)}" font-size="12" text-anchor="end" fill="${COLOURS.axis}">${esc(fmt.number(v))}</text>`);
  }
  // Bars
  groups.forEach((g, gi) => {
    const cx = left + groupW * gi + groupW / 2;
    const bars: [number | null, string][] = [
      [g.female.target, COLOURS.targetF],
      [g.female.achieved, COLOURS.achievedF],
      [g.male.target, COLOURS.targetM],
      [g.male.achieved, COLOURS.achievedM],
    ];
    bars.forEach(([v, colour], bi) => {
      const x = cx - 2 * barW - 3 + bi * barW + (bi >= 2 ? 6 : 0);
      if (v === null) return;
      const h = Math.max(0, y(0) - y(v));
      out.push(`<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"/>`);
      out.push(`<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(y(v) - 4).toFixed(1)}" font-size="11" text-anchor="middle" fill="${COLOURS.text}">${esc(fmt.number(v))}</text>`);
    });
    wrap(g.label, Math.max(12, Math.floor(groupW / 8))).forEach((line, li) => {
      out.push(`<text x="${cx.toFixed(1)}" y="${top + plotH + 20 + li * 16}" font-size="12.5" text-anchor="middle" fill="${COLOURS.text}">${esc(line)}</text>`);
    });
  });
  out.push("</svg>");
  return out.join("\n");
}

let fontFiles: string[] | undefined;
/** The bundled DejaVu Sans font files (from the `dejavu-fonts-ttf` package), so charts look the same everywhere. */
function chartFonts(): string[] {
  if (!fontFiles) {
    const require = createRequire(import.meta.url);
    fontFiles = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
  }
  return fontFiles;
}

/**
 * Rasterise an SVG to PNG with resvg (a Rust renderer shipped prebuilt in its npm package), using only
 * the bundled font: no system fonts, so the image is the same on every machine.
 * @example const png = svgToPng(sexBarChartSvg(groups, fmt, "Target vs achievement"), 2)
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: false, fontFiles: chartFonts(), defaultFontFamily: FONT },
    background: "#FFFFFF",
  });
  return new Uint8Array(r.render().asPng());
}
