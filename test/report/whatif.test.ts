/** The what-if's terminal rendering: tables always, the text chart only when asked (on a terminal). */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { textChart } from "../../src/report/text-chart.js";
import { renderWhatIf } from "../../src/report/whatif.js";
import { mermaidChart } from "../../src/report/mermaid.js";
import { fixture, load } from "../helpers.js";

const report = evaluate(load(fixture("whatif/capacity-steps.md")), { whatif: {} });
const w = report.whatif!;

describe("the what-if in text", () => {
  it("draws one letter per line, X at each crossing in range and | at the usage", () => {
    const chart = textChart(w, undefined, 60)!;
    const rows = chart.split("\n");
    // 12 rows of plot, the axis, the ticks, the legend
    expect(rows).toHaveLength(15);
    // Crossings up to 6.5B (a third past 5B): 3.333B, 4B, 5B, 5B — at most four X (two may share a cell)
    const xs = rows.slice(0, 12).join("").match(/X/g)?.length ?? 0;
    expect(xs).toBeGreaterThanOrEqual(3);
    expect(xs).toBeLessThanOrEqual(4);
    for (const g of ["b", "c", "s"]) expect(rows.slice(0, 12).join("")).toContain(g);
    expect(rows.at(-1)).toBe("b Model A API   c Model B API   s Model B self-hosted   | usage 4B   X lines cross");
    expect(rows[13]).toMatch(/^\s+0\s+6\.5B tokens\/month$/);
  });

  it("the tables come without the chart unless it is asked for", () => {
    expect(renderWhatIf(report)).not.toContain("X lines cross");
    expect(renderWhatIf(report, undefined, { chart: true })).toContain("X lines cross");
  });

  it("no chart without anything to draw", () => {
    const none = evaluate(load(fixture("records/missing-cost-sections.md")), { whatif: {} }).whatif!;
    expect(textChart(none)).toBeNull();
    expect(mermaidChart(none)).toBeNull();
  });

  it("the Mermaid block has one line per cost line, eleven values each", () => {
    const m = mermaidChart(w)!;
    expect(m.order).toEqual(["Model A API", "Model B API", "Model B self-hosted"]);
    const lines = [...m.block.matchAll(/^ {4}line \[([^\]]*)\]$/gm)].map((x) => x[1]!.split(", ").map(Number));
    expect(lines.map((l) => l.length)).toEqual([11, 11, 11]);
    // At 6.5B tokens: A $0.5/1M → $3,250; B $0.6/1M → $3,900; self-hosting two servers → $4,000
    expect(lines.map((l) => l.at(-1))).toEqual([3250, 3900, 4000]);
  });
});
