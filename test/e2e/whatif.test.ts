/** `migrate-eval whatif` and `compare --whatif` from the built binary, colour off. */
import { describe, expect, it } from "vitest";
import { HAS_SEED, run, SEED } from "../helpers.js";

const CAPACITY = "fixtures/whatif/capacity-steps.md";

describe("migrate-eval whatif", () => {
  it("prints the crossovers, the flip points and the sensitivity as tables, with no chart in a pipe", () => {
    const r = run(["whatif", CAPACITY]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Self-hosting is first cheaper than Model B API at 3.333B tokens a month (the usage is 4B); past a capacity step the order can change back");
    expect(r.stdout).toMatch(/cost-reduction │ Model B input price\s+│ \$0\.6\/1M │ passes at ≤ \$0\.4667\/1M/);
    expect(r.stdout).toContain("Each input moved by ±20%");
    // The text chart is drawn only on a terminal: no axis, no legend here.
    expect(r.stdout).not.toContain("X lines cross");
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("--format json is the whole report with whatif; --swing and --capacity change it", () => {
    const j = JSON.parse(run(["whatif", CAPACITY, "--format", "json", "--swing", "10", "--capacity", "1T"]).stdout);
    expect(j.schemaVersion).toBe(1);
    expect(j.whatif.swing).toBe(10);
    expect(j.whatif.lines.find((l: { id: string }) => l.id === "self_host").capacityTokensPerMonth).toBe(1e12);
    const a = j.whatif.sensitivity.find((s: { input: string }) => s.input === "baseline.attempts");
    // ±10 % of 1.5 attempts: 1.35 and 1.65
    expect([a.low.value, a.high.value].map((v: number) => Number(v.toFixed(9)))).toEqual([1.35, 1.65]);
  });

  it("refuses a swing outside (0, 100] and a capacity that is not tokens", () => {
    for (const args of [["--swing", "0"], ["--swing", "150"], ["--swing", "abc"], ["--capacity", "-5"], ["--capacity", "lots"]]) {
      const r = run(["whatif", CAPACITY, ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/expected/);
    }
  });

  it.skipIf(!HAS_SEED)("the seed: self-hosting against the candidate's API at 3.648B tokens a month", () => {
    const j = JSON.parse(run(["whatif", SEED, "--format", "json"]).stdout);
    expect(j.whatif.selfHostCheaperFrom).toBeCloseTo(3_648_148_148.15, 0);
  });
});

describe("compare and whatif", () => {
  it("compare --format json has no whatif unless asked; --whatif adds it", () => {
    expect(JSON.parse(run(["compare", CAPACITY, "--format", "json"]).stdout).whatif).toBeUndefined();
    expect(JSON.parse(run(["compare", CAPACITY, "--format", "json", "--whatif"]).stdout).whatif.flips.length).toBe(2);
  });

  it("batch never pays for whatif", () => {
    const b = JSON.parse(run(["batch", "fixtures/whatif", "--format", "json"]).stdout);
    expect(b.reports.length).toBe(2);
    expect(b.reports.every((r: object) => !("whatif" in r))).toBe(true);
  });

  it("compare --format markdown carries the Mermaid chart, with no record text inside the block", () => {
    const md = run(["compare", "fixtures/whatif/markup-in-names.md", "--format", "markdown"]).stdout;
    const block = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? "";
    expect(block).toMatch(/^xychart-beta\n/);
    expect(block.match(/^ {4}line \[/gm)).toHaveLength(3);
    expect(block).not.toMatch(/script|onload|Old|New/);
  });
});
