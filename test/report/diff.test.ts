/**
 * The comparison of two sets of reports: matched by record id, a record on one side reported,
 * and each kind of change — verdict, rule, cost figure, metric, stated figure — against values
 * worked out by hand from the example record.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { parseRecord } from "../../src/record/parse.js";
import { diffRecord, diffReports } from "../../src/report/diff.js";
import { renderDiffMarkdown } from "../../src/report/diff-render.js";
import type { Report } from "../../src/report/schema.js";
import { load, ROOT } from "../helpers.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const EXAMPLE = join(ROOT, "examples/qwen-replaces-llama.md");
const text = readFileSync(EXAMPLE, "utf8");
const report = (t: string, file = "examples/qwen-replaces-llama.md"): Report => {
  const parsed = parseRecord(t, file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return evaluate(parsed.record);
};
const base = evaluate(load(EXAMPLE));

describe("diffRecord", () => {
  it("the same record on both sides is unchanged", () => {
    const d = diffRecord(base, report(text));
    expect(d.status).toBe("unchanged");
    expect([d.rules, d.figures, d.metrics, d.audit]).toEqual([[], [], [], []]);
    expect(d.regression).toBe(false);
  });

  it("the candidate's input price halved ($0.30 → $0.15 per 1M): the cost figures, by hand", () => {
    const d = diffRecord(base, report(text.replace("| $0.15/1M tokens | $0.30/1M tokens |", "| $0.15/1M tokens | $0.15/1M tokens |")));
    // 200M input, 40M output: Qwen $0.30 × 200 + $0.90 × 40 = $96 → $0.15 × 200 + $36 = $66; × 1.3 attempts: $124.80 → $85.80.
    const fig = Object.fromEntries(d.figures.map((f) => [f.key, [f.base, f.head, f.delta]]));
    expect(fig["cost.candidate.monthly"]).toEqual([96, 66, -30]);
    expect(fig["cost.candidate.retryAdjustedMonthly"]).toEqual([124.8, 85.8, -39]);
    // Against Llama's $54 and $86.40: +77.78% → +22.22%, and +44.44% → −0.69%.
    expect(fig["cost.monthlyChange.pct"]![0]).toBeCloseTo(77.7778, 3);
    expect(fig["cost.monthlyChange.pct"]![1]).toBeCloseTo(22.2222, 3);
    expect(fig["cost.retryAdjustedChange.pct"]![1]).toBeCloseTo(-0.6944, 3);
    expect(fig["cost.baseline.monthly"]).toBeUndefined();
    expect(d.metrics.map((m) => [m.key, m.change, m.base, m.head, m.line])).toEqual([["price_input", "changed", { baseline: 0.15, candidate: 0.3 }, { baseline: 0.15, candidate: 0.15 }, 19]]);
    // The record's "+100%" for the input price no longer holds.
    expect(d.audit.find((a) => a.line === 19)).toMatchObject({ kind: "metric_change", text: "+100%", base: true, head: false });
    expect(d.verdict).toEqual({ base: "HOLD", head: "HOLD", flipped: false });
  });

  it("MIGRATE → HOLD with a required rule pass → fail is a regression; the way back is a flip, not one", () => {
    const migrate = evaluate(load(join(ROOT, "fixtures/records/english-migrate-clear-win.md")));
    expect(migrate.verdict).toBe("MIGRATE");
    const hold: Report = structuredClone(migrate);
    hold.verdict = "HOLD";
    hold.rules[0]!.status = "fail";
    const down = diffRecord(migrate, hold);
    expect(down.regression).toBe(true);
    expect(down.verdict.flipped).toBe(true);
    expect(down.rules).toEqual([expect.objectContaining({ id: hold.rules[0]!.id, base: "pass", head: "fail", regression: true })]);
    const up = diffRecord(hold, migrate);
    expect([up.regression, up.verdict.flipped, up.rules[0]!.regression]).toEqual([false, true, false]);
  });

  it("a warning rule that fails, or a required one that becomes unknown, is a change but not a regression", () => {
    const migrate = evaluate(load(join(ROOT, "fixtures/records/english-migrate-clear-win.md")));
    const worse: Report = structuredClone(migrate);
    const warning = worse.rules.find((r) => r.severity === "warning")!;
    warning.status = warning.status === "fail" ? "pass" : "fail";
    worse.rules[0]!.status = "unknown";
    const d = diffRecord(migrate, worse);
    expect(d.rules.map((r) => r.regression)).toEqual([false, false]);
    expect(d.regression).toBe(false);
  });

  it("metrics that appear and vanish", () => {
    const head: Report = structuredClone(base);
    const gone = head.metrics.shift()!;
    head.metrics.push({ ...gone, key: "new_metric", label: "New metric" });
    const d = diffRecord(base, head);
    expect(d.metrics.map((m) => [m.key, m.change])).toEqual([["new_metric", "added"], [gone.key, "removed"]]);
  });
});

describe("diffReports", () => {
  const other = (id: string): Report => ({ ...structuredClone(base), record: { ...base.record, id } });

  it("matches by record id; a record on one side only is reported, not an error", () => {
    const d = diffReports([other("A"), other("B")], [other("B"), other("C")], { base: "base/", head: "head/" });
    expect(d.records.map((r) => [r.id, r.status])).toEqual([["B", "unchanged"], ["C", "added"], ["A", "removed"]]);
    expect(d.summary).toEqual({ records: 3, changed: 0, unchanged: 1, added: 1, removed: 1, verdictFlips: 0, regressions: 0 });
  });

  it("two files of one record each are compared whatever their ids; folders are not", () => {
    expect(diffReports([other("A")], [other("A2")], { base: "a.md", head: "b.md", one: true }).records.map((r) => r.status)).toEqual(["unchanged"]);
    expect(diffReports([other("A")], [other("A2")], { base: "a/", head: "b/" }).records.map((r) => r.status)).toEqual(["added", "removed"]);
  });

  it("markdown stays under the comment limit, folds long sections and says what it left out", () => {
    const many = Array.from({ length: 400 }, (_, i) => other(`R${i}`));
    const changed = many.map((r) => {
      const h = structuredClone(r);
      h.cost.candidate.monthly = 1 + (h.cost.candidate.monthly ?? 0);
      h.metrics = h.metrics.map((m) => ({ ...m, candidate: (m.candidate ?? 0) + 1 }));
      return h;
    });
    const md = renderDiffMarkdown(diffReports(many, changed, { base: "a/", head: "b/" }));
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toMatch(/_\d+ more records are not shown, to fit a comment; `migrate-eval diff --format json` has the whole diff\._\n$/);
    // Each record's metric rows (every one of which changed, but the model size, by 1 in 14 billion) fold away.
    expect(md).toContain("<details><summary>Metrics (11)</summary>");
    const shown = md.match(/^### /gm)!.length;
    const left = Number(/_(\d+) more records/.exec(md)![1]);
    expect(shown + left).toBe(400);
  });
});
