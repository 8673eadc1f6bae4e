/** The built binary with a team policy (`metrics:`, `fx:`) and `--fx`, colour off. */
import { describe, expect, it } from "vitest";
import { fixture, run } from "../helpers.js";

const RECORD = fixture("team/record.md");
const POLICY = fixture("team/policy.yaml");

describe("team policy and exchange rates, end to end", () => {
  it("compare reads the team's metric and converts yen at the policy's rate", () => {
    const r = run(["compare", RECORD, "--policy", POLICY, "--format", "json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.metrics.find((m: { key: string }) => m.key === "clause_recall")).toMatchObject({ baseline: 91, candidate: 93 });
    expect(report.cost.candidate.monthly).toBeCloseTo(180.9, 6); // ¥27,000 × 0.0067
    expect(report.verdict).toBe("MIGRATE"); // (180.90 − 450) / 450 = −59.8 %, recall +2 pp
  });

  it("--fx wins over the policy's rate, in compare and in batch", () => {
    const one = JSON.parse(run(["compare", RECORD, "--policy", POLICY, "--fx", "JPY=0.01", "--format", "json"]).stdout);
    expect(one.cost.candidate.monthly).toBeCloseTo(270, 6); // ¥27,000 × 0.01
    const batch = run(["batch", RECORD, "--policy", POLICY, "--fx", "JPY=0.01", "--format", "ndjson"]);
    expect(batch.status).toBe(0);
    expect(JSON.parse(batch.stdout.trim().split("\n")[0]!).cost.candidate.monthly).toBeCloseTo(270, 6);
  });

  it("without a rate the cost is unknown, the table says why, and the verdict holds", () => {
    const r = run(["compare", RECORD, "--no-color"]);
    expect(r.stdout).toContain("no exchange rate (--fx JPY=…)");
    expect(r.stdout).toContain("$2.5/1M");
    expect(r.stdout).toContain("¥150/1M");
    expect(r.stdout).toMatch(/Verdict: HOLD/);
  });

  it("a bad --fx is a usage error", () => {
    const r = run(["compare", RECORD, "--fx", "GBP=1.27"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("currencies: USD, JPY, EUR");
  });
});
