/** Box tables: drawn in one pass, fitted to a width by wrapping text columns, numbers never broken. */
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { table } from "../../src/report/box.js";

const widest = (t: string) => Math.max(...t.split("\n").map((l) => stringWidth(l)));

describe("table", () => {
  const head = ["", "Rule", "Why"];
  const rows = [
    ["FAIL", "cost-reduction", "retry-adjusted monthly cost change +44.44% (needs ≤ −20%)"],
    ["pass", "quality-gain", "any of 2 passes: Task success rate change +8 pp (needs ≥ +5 pp)"],
  ];

  it("is as wide as its cells without a width, with Japanese counted as two columns", () => {
    expect(table(["項目", "A"], [["タスク成功率", "82%"]])).toBe(
      ["┌──────────────┬─────┐", "│ 項目         │ A   │", "├──────────────┼─────┤", "│ タスク成功率 │ 82% │", "└──────────────┴─────┘"].join("\n"),
    );
  });

  // 45 is about the narrowest: "retry-adjusted" and "cost-reduction" are 14 columns each and stay whole.
  it.each([80, 60, 45])("fits %d columns by wrapping the text column at spaces", (w) => {
    const t = table(head, rows, w);
    expect(widest(t)).toBeLessThanOrEqual(w);
    // Every word of the text is still there, none broken.
    for (const word of rows[0]![2]!.split(" ")) expect(t).toContain(word);
  });

  it("never breaks a number: a column without spaces keeps its width, even past the limit", () => {
    const t = table(["Metric", "Value"], [["x", "123456789012345678901234567890"]], 20);
    expect(t).toContain("123456789012345678901234567890");
  });

  it("is linear in rows: 20,000 rows draw in one pass", () => {
    const many = Array.from({ length: 20_000 }, (_, i) => [`metric ${i}`, `${i}%`]);
    expect(table(["Metric", "Value"], many, 80).split("\n")).toHaveLength(20_004);
  });
});
