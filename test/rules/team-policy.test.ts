/**
 * A team's policy extends what records are read with (`metrics:`) and states the exchange rate
 * (`fx:`); `--fx` and EvaluateOptions.fx win over it. Hand-computed figures below.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { InvalidArgumentError } from "commander";
import { parseFx } from "../../src/cli/options.js";
import { evaluate } from "../../src/evaluate.js";
import { parseRecord } from "../../src/record/parse.js";
import { defaultRegistry } from "../../src/record/registry/labels.js";
import { parsePolicy } from "../../src/rules/parse-policy.js";
import { registryFor } from "../../src/rules/policy-registry.js";
import type { Policy } from "../../src/rules/schema.js";
import { fixture } from "../helpers.js";

const RECORD = readFileSync(fixture("team/record.md"), "utf8");

function policy(text: string): Policy {
  const r = parsePolicy(text, "team.yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.policy;
}

const TEAM = policy(readFileSync(fixture("team/policy.yaml"), "utf8"));

function read(p: Policy | null) {
  const r = parseRecord(RECORD, "r.md", p ? { registry: registryFor(p) } : {});
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record;
}

describe("team metrics from the policy", () => {
  test("without them, the team's label is kept as written and `General knowledge` is not MMLU", () => {
    const rec = read(null);
    const keys = Object.keys(rec.models[1]!.metrics);
    expect(keys).not.toContain("clause_recall");
    expect(keys).not.toContain("mmlu");
  });

  test("with them, the label is the team's metric and the alias names a built-in one", () => {
    const rec = read(TEAM);
    const [old, now] = rec.models;
    expect(old!.metrics.clause_recall?.value).toBe(91);
    expect(now!.metrics.clause_recall?.value).toBe(93);
    expect(old!.metrics.mmlu?.value).toBe(88.7);
    expect(now!.metrics.mmlu?.value).toBe(86);
  });

  test("the team's metric is compared with its direction, sample size and name", () => {
    const report = evaluate(read(TEAM), { policy: TEAM });
    const row = report.metrics.find((m) => m.key === "clause_recall")!;
    expect(row).toMatchObject({ label: "Clause recall", direction: "higher", better: true, sampleSize: 400 });
    expect(row.change.pp).toBeCloseTo(2, 10); // 93 − 91
    expect(report.rules.find((r) => r.id === "recall-holds")?.status).toBe("pass");
  });

  test("the built-in registry is used as is when a policy adds no metrics", () => {
    expect(registryFor(policy("version: 1\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n"))).toBe(defaultRegistry());
  });

  test("a bad team metric is refused with its line", () => {
    const r = parsePolicy("version: 1\nmetrics:\n  - key: Recall\n    unit: percent\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n", "p.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 3 });
    const twice = parsePolicy("version: 1\nmetrics:\n  - key: a\n  - key: a\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n", "p.yaml");
    expect(twice.ok).toBe(false);
    const bench = parsePolicy("version: 1\nmetrics:\n  - { key: b, benchmark: true, unit: seconds }\nrules:\n  - { id: c, metric: cost.monthly, change_pct: { max: -20 } }\n", "p.yaml");
    expect(bench.ok).toBe(false);
  });
});

describe("exchange rates", () => {
  test("without a rate, the yen side's cost is unknown and a warning names both price lines", () => {
    const report = evaluate(read(TEAM), { policy: { ...TEAM, fx: undefined } as Policy });
    expect(report.cost.candidate.monthly).toBeNull();
    expect(report.warnings.filter((w) => w.code === "currency-mismatch").map((w) => w.line).sort()).toEqual([10, 11]);
  });

  test("the policy's rate converts the candidate into the record's currency, and says so", () => {
    const report = evaluate(read(TEAM), { policy: TEAM });
    // GPT-4o: 100 × $2.50 + 20 × $10 = $450. Llama: (100 × ¥150 + 20 × ¥600) × 0.0067 = ¥27,000 × 0.0067 = $180.90.
    expect(report.cost.currency).toBe("USD");
    expect(report.cost.baseline.monthly).toBeCloseTo(450, 9);
    expect(report.cost.candidate.monthly).toBeCloseTo(180.9, 9);
    expect(report.cost.candidate.priceCurrency).toBe("JPY");
    expect(report.warnings.find((w) => w.code === "currency-converted")?.message).toMatch(/0\.0067 USD per JPY/);
  });

  test("a rate given to evaluate (the --fx flag) wins over the policy's", () => {
    const report = evaluate(read(TEAM), { policy: TEAM, fx: { JPY: 0.01 } });
    expect(report.cost.candidate.monthly).toBeCloseTo(270, 9); // ¥27,000 × 0.01
  });

  test("--fx reads CURRENCY=rate lists and refuses anything else", () => {
    expect(parseFx("JPY=0.0067")).toEqual({ JPY: 0.0067 });
    expect(parseFx("jpy=0.0067, EUR=1.08")).toEqual({ JPY: 0.0067, EUR: 1.08 });
    expect(parseFx("EUR=1.1", { JPY: 0.0067 })).toEqual({ JPY: 0.0067, EUR: 1.1 });
    for (const bad of ["JPY", "JPY=0", "JPY=-1", "GBP=1.27", "JPY=1,000", "USD=2", "JPY=abc"]) expect(() => parseFx(bad), bad).toThrow(InvalidArgumentError);
  });
});
