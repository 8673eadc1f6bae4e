import { describe, expect, test } from "vitest";
import { costAt, crossovers, installations, selfHostCrossings } from "../../src/calc/whatif/crossover.js";
import { flipsOf, NO_FLIP, touches, type Probe } from "../../src/calc/whatif/flip.js";
import type { CostLine } from "../../src/calc/whatif/schema.js";
import { evaluate } from "../../src/evaluate.js";
import { parseRecord } from "../../src/record/parse.js";
import type { PolicyInput } from "../../src/rules/schema.js";
import { fixture, HAS_SEED, load, ROOT, SEED } from "../helpers.js";
import { join } from "node:path";

const ROOT_EXAMPLE = join(ROOT, "examples/qwen-replaces-llama.md");

const api = (id: "baseline" | "candidate", price: number): CostLine => ({ id, label: id, pricePerMTok: price, fixedPerMonth: null, capacityTokensPerMonth: null });
const self = (fixed: number, capacity: number | null = null): CostLine => ({ id: "self_host", label: "self", pricePerMTok: null, fixedPerMonth: fixed, capacityTokensPerMonth: capacity });

describe("crossovers of the cost lines", () => {
  test("the seed's figures: $2,188.89 a month against $0.60 per 1M crosses at 3.648B tokens", () => {
    // F = 800 + 50,000 / 36 = 2,188.888…; F / P = 2,188.888… / 0.6 × 1e6 = 3,648,148,148.1…
    const [c] = selfHostCrossings(api("candidate", 0.6), self(800 + 50_000 / 36));
    expect(c!.volume).toBeCloseTo(3_648_148_148.148, 2);
    expect(c!.cost).toBeCloseTo(2188.888889, 5);
    expect(c!.cheaperAbove).toBe("self_host");
  });

  test("two API lines both start at zero: they never cross", () => {
    expect(crossovers([api("baseline", 0.2), api("candidate", 0.6)])).toEqual([]);
  });

  test("capacity steps: solved per step, at kF/p inside a step and at a step's edge where the jump reorders", () => {
    // F = 2,000 per 5B tokens. At $0.6/1M: 2,000 / 0.6e-6 = 3.333…B; at 5B the second server makes
    // it 4,000 > 3,000 on the API; 4,000 / 0.6e-6 = 6.667B; from 10B on each step starts cheaper (6,000 ≥ 6,000).
    const b = selfHostCrossings(api("candidate", 0.6), self(2000, 5e9));
    expect(b.map((c) => [Math.round(c.volume / 1e6), c.cheaperAbove])).toEqual([[3333, "self_host"], [5000, "candidate"], [6667, "self_host"]]);
    // At $0.5/1M: 4B, 5B (2,500 < 4,000), 8B, 10B (5,000 < 6,000), 12B, 15B (7,500 < 8,000), 16B; at 20B 10,000 ≥ 10,000.
    const a = selfHostCrossings(api("baseline", 0.5), self(2000, 5e9));
    expect(a.map((c) => c.volume / 1e9)).toEqual([4, 5, 8, 10, 12, 15, 16]);
  });

  test("when the capacity's tokens cost less on the API than a server, self-hosting is never cheaper", () => {
    // 5B × $0.3/1M = $1,500 < $2,000
    expect(selfHostCrossings(api("candidate", 0.3), self(2000, 5e9))).toEqual([]);
  });

  test("cost of a step line, and installations", () => {
    expect(installations(5e9, 0)).toBe(1);
    expect(installations(5e9, 5e9)).toBe(1);
    expect(installations(5e9, 5e9 + 1)).toBe(2);
    expect(costAt(self(2000, 5e9), 12e9)).toBe(6000);
    expect(costAt(api("candidate", 0.6), 1e9)).toBeCloseTo(600, 10);
  });
});

describe("flip points", () => {
  const linear = (x: number): Probe => ({ status: 2 * x + 1 <= 5 ? "pass" : "fail", actual: 2 * x + 1, signature: String(2 * x + 1) });

  test("a figure that moves in a line with the input is solved: 2x + 1 ≤ 5 at x ≤ 2", () => {
    const [f] = flipsOf(linear, 10, [0, 100], { min: null, max: 5 });
    expect(f).toMatchObject({ direction: "below", becomes: "pass", method: "closed_form" });
    expect(f!.at).toBeCloseTo(2, 12);
  });

  test("a figure that is a ratio of lines in the input is solved from three evaluations: 100/x ≤ 40 from x ≥ 2.5", () => {
    const inverse = (x: number): Probe => ({ status: 100 / x <= 40 ? "pass" : "fail", actual: 100 / x, signature: String(100 / x) });
    const [f] = flipsOf(inverse, 1, [0.01, 100], { min: null, max: 40 });
    expect(f).toMatchObject({ direction: "above", becomes: "pass", method: "closed_form" });
    expect(f!.at).toBeCloseTo(2.5, 9);
  });

  test("a rule with no single figure (any: …) is bracketed and bisected", () => {
    const members = (x: number): Probe => ({ status: x * x >= 10 ? "pass" : "fail", actual: null, signature: String(x * x) });
    const [f] = flipsOf(members, 1, [0, 100], { min: null, max: null });
    expect(f).toMatchObject({ direction: "above", becomes: "pass", method: "bisection" });
    expect(f!.at).toBeCloseTo(Math.sqrt(10), 9);
  });

  test("a solved answer is checked: a figure that is neither a line nor a ratio of lines still gets the right value", () => {
    const cubic = (x: number): Probe => ({ status: x ** 3 >= 8 ? "pass" : "fail", actual: x ** 3, signature: String(x ** 3) });
    const [f] = flipsOf(cubic, 1, [0, 100], { min: 8, max: null });
    expect(f).toMatchObject({ direction: "above", becomes: "pass" });
    expect(f!.at).toBeCloseTo(2, 9);
  });

  test("no value in the input's range flips it: an answer, not an omission", () => {
    expect(flipsOf(linear, 50, [10, 100], { min: null, max: 5 })).toEqual([NO_FLIP]);
  });

  test("an input that moves nothing the rule looks at does not touch it", () => {
    expect(touches(() => ({ status: "fail", actual: 3, signature: "3" }), 1, [0, 10])).toBe(false);
    expect(touches(linear, 1, [0, 10])).toBe(true);
  });
});

describe("whatIf on a record (evaluate with whatif)", () => {
  const report = evaluate(load(fixture("whatif/capacity-steps.md")), { whatif: { swing: 20 } });
  const w = report.whatif!;
  const flip = (rule: string, input: string) => w.flips.find((r) => r.rule === rule)!.flips.find((f) => f.input === input)!;

  test("the record's capacity steps the self-hosting line", () => {
    expect(w.lines.find((l) => l.id === "self_host")).toMatchObject({ fixedPerMonth: 2000, capacityTokensPerMonth: 5e9 });
    expect(w.selfHostCheaperFrom! / 1e9).toBeCloseTo(10 / 3, 9);
    expect(w.volume).toBe(4e9);
  });

  test("cost-reduction: the candidate's input price, attempts, and the baseline's attempts", () => {
    // RA(B) = 1.2 × (3,000 × p + 600) ≤ 0.8 × RA(A) = 0.8 × 1.5 × 2,000 = 2,400  →  p ≤ 0.4666…
    expect(flip("cost-reduction", "candidate.price_input")).toMatchObject({ becomes: "pass", direction: "below", method: "closed_form" });
    expect(flip("cost-reduction", "candidate.price_input").at).toBeCloseTo(1400 / 3000, 9);
    // 2,400 × a ≤ 2,400 → a ≤ 1, the end of the range of attempts
    expect(flip("cost-reduction", "candidate.attempts").at).toBeCloseTo(1, 9);
    // 2,880 ≤ 0.8 × 2,000 × a → a ≥ 1.8 (the baseline is the denominator: a ratio of lines, solved too)
    expect(flip("cost-reduction", "baseline.attempts")).toMatchObject({ direction: "above", method: "closed_form" });
    expect(flip("cost-reduction", "baseline.attempts").at).toBeCloseTo(1.8, 9);
  });

  test("quality-gain: task success below 75 % leaves no member passing (the benchmark member is unknown)", () => {
    expect(flip("quality-gain", "candidate.task_success")).toMatchObject({ direction: "below", becomes: "unknown" });
    expect(flip("quality-gain", "candidate.task_success").at).toBeCloseTo(75, 6);
  });

  test("usage does not move a cost change whose prices are alike for input and output: it is not listed", () => {
    expect(w.flips.flatMap((r) => r.flips).some((f) => f.input.startsWith("usage."))).toBe(false);
  });

  test("sensitivity ±20 %: largest effect first, clamped at the range's end, verdict at each end", () => {
    const [top, second] = w.sensitivity;
    // A's attempts 1.2 and 1.8: RA(A) 2,400 and 3,600 against 2,880: +20 % and −20 %
    expect(top).toMatchObject({ input: "baseline.attempts", high: { verdict: "MIGRATE" }, low: { verdict: "HOLD" } });
    expect(top!.effect).toBeCloseTo(40, 9);
    // B's attempts 0.96 is below 1: moved to 1, RA(B) 2,400 → −20 %, MIGRATE
    expect(second).toMatchObject({ input: "candidate.attempts", low: { value: 1, clamped: true, verdict: "MIGRATE" } });
    expect(second!.low.retryAdjustedChangePct).toBeCloseTo(-20, 9);
    const effects = w.sensitivity.map((s) => s.effect ?? -1);
    expect(effects).toEqual([...effects].sort((a, b) => b - a));
    // F = 1,000 × 0.8 + 1,000 = 1,800 → break-even 1,800 / 0.6e-6 = 3B
    expect(w.sensitivity.find((s) => s.input === "self_host.opex_per_month")!.low.breakEvenTokensPerMonth).toBeCloseTo(3e9, 0);
  });

  test("a capacity given in code wins over the record's", () => {
    const r = evaluate(load(fixture("whatif/capacity-steps.md")), { whatif: { capacityTokensPerMonth: 1e12 } });
    expect(r.whatif!.crossovers.filter((c) => c.between[0] === "candidate").map((c) => c.volume / 1e9)).toEqual([10 / 3].map((v) => expect.closeTo(v, 9)));
  });

  test("without the option there is no whatif, and a wrong swing is refused", () => {
    expect(evaluate(load(fixture("whatif/capacity-steps.md"))).whatif).toBeUndefined();
    expect(() => evaluate(load(fixture("whatif/capacity-steps.md")), { whatif: { swing: 0 } })).toThrow(/swing/);
    expect(() => evaluate(load(fixture("whatif/capacity-steps.md")), { whatif: { swing: Number.NaN } })).toThrow(/swing/);
  });
});

describe("a policy's required rule on another metric", () => {
  test("p95 latency ≤ 2.5 s required: the candidate's p95 is moved, solved at 2.5 s; a warning rule's metric is not", () => {
    const policy: PolicyInput = { version: 1, rules: [{ id: "p95", metric: "latency_p95", candidate: { max: 2.5 } }, { id: "mean", metric: "latency_mean", candidate: { max: 1 }, severity: "warning" }] };
    const w = evaluate(load(ROOT_EXAMPLE), { policy, whatif: {} }).whatif!;
    const [rule] = w.flips;
    // Qwen2.5 14B's p95 is 2.9 s (line 66); the baseline's p95 does not enter a `candidate` condition.
    expect(rule!.flips.map((f) => f.input)).toEqual(["candidate.latency_p95"]);
    expect(rule!.flips[0]).toMatchObject({ value: 2.9, at: 2.5, becomes: "pass", direction: "below", method: "closed_form", line: 66 });
    expect(w.sensitivity.some((s) => s.input.endsWith("latency_mean"))).toBe(false);
  });
});

describe.skipIf(!HAS_SEED)("whatIf on the seed", () => {
  test("self-hosting crosses the candidate's API at 3.648B tokens; the candidate's attempts cannot flip cost-reduction", () => {
    const w = evaluate(load(SEED), { whatif: {} }).whatif!;
    expect(w.selfHostCheaperFrom).toBeCloseTo(3_648_148_148.15, 0);
    const cost = w.flips.find((r) => r.rule === "cost-reduction")!;
    // 90 × 1.4 = 126 ≤ 0.8 × 57 = 45.6 needs p ≤ (32.571 − 30) / 100 = $0.0257/1M
    expect(cost.flips.find((f) => f.input === "candidate.price_input")!.at).toBeCloseTo(2.5714285714 / 100, 9);
    // 90 × a ≤ 45.6 needs a ≤ 0.507, below one attempt
    expect(cost.flips.find((f) => f.input === "candidate.attempts")).toMatchObject({ at: null, becomes: null });
  });
});

describe("capacity in a record", () => {
  const text = (body: string, fm = "") => `---\nid: x\ntitle: t\nold_model: A\nnew_model: B\n${fm}---\n- 初期投資: $10,000\n- 月次運用コスト: $500\n${body}`;
  const parsed = (t: string) => {
    const r = parseRecord(t, "x.md");
    if (!r.ok) throw new Error("expected a valid record");
    return r.record;
  };

  test("a body line per day is tokens a month, with its line", () => {
    // 2B a day × 365 / 12 = 60.833…B a month
    expect(parsed(text("- Capacity: 2B tokens per day\n")).selfHost!.capacityTokensPerMonth).toEqual({ value: expect.closeTo(2e9 * 365 / 12, 0), line: 9 });
  });

  test("the frontmatter's capacity_tokens_per_month wins over the body, with a warning naming both", () => {
    const r = parsed(text("- Capacity: 4B tokens per month\n", "self_host: { capacity_tokens_per_month: 5B }\n"));
    expect(r.selfHost!.capacityTokensPerMonth).toEqual({ value: 5e9, line: 6 });
    expect(r.warnings.map((w) => w.code)).toContain("frontmatter-body-mismatch");
  });

  test("a capacity given as a range is a warning, not a figure", () => {
    const r = parsed(text("- 処理能力: 約3〜5B tokens\n"));
    expect(r.selfHost!.capacityTokensPerMonth ?? null).toBeNull();
    expect(r.warnings.some((w) => w.line === 9)).toBe(true);
  });
});

describe("the what-if starts from the report's own figures", () => {
  test.each([
    ["whatif/capacity-steps.md", null],
    ["records/english-migrate-clear-win.md", null],
    ["records/english-hold-rollback.md", null],
    ["records/english-units-ms-per-1k.md", null],
    ["records/stated-sample-size.md", null],
  ])("%s", (file, baseline) => {
    const r = evaluate(load(fixture(file)), { baseline, whatif: {} });
    expect(r.whatif!.verdict).toBe(r.verdict);
    expect(r.whatif!.retryAdjustedChangePct).toBe(r.cost.retryAdjustedChange.pct);
    expect(r.whatif!.flips.map((f) => [f.rule, f.status])).toEqual(r.rules.filter((x) => x.severity === "required").map((x) => [x.id, x.status]));
    const self = r.whatif!.lines.find((l) => l.id === "self_host");
    if (self) expect(self.fixedPerMonth).toBe(r.selfHost!.fixedPerMonth);
  });

  test.skipIf(!HAS_SEED)("the seed against GPT-3.5 Turbo", () => {
    const r = evaluate(load(SEED), { baseline: "gpt-3.5-turbo", whatif: {} });
    expect(r.whatif!.verdict).toBe(r.verdict);
    expect(r.whatif!.retryAdjustedChangePct).toBe(r.cost.retryAdjustedChange.pct);
  });
});

describe("attempts from a success rate", () => {
  const record = () => {
    const r = parseRecord(`---\nid: x\ntitle: t\nold_model: Model A\nnew_model: Model B\nusage: { input_tokens: 1M, output_tokens: 1M }\nmetrics:\n  price_input: { old: 1, new: 1 }\n  price_output: { old: 1, new: 1 }\n  task_success: { old: 60, new: 70 }\n---\n`, "x.md");
    if (!r.ok) throw new Error("expected a valid record");
    return r.record;
  };
  const flipOf = (policy?: PolicyInput) => evaluate(record(), { whatif: {}, ...(policy ? { policy } : {}) }).whatif!.flips.find((f) => f.rule === "cost-reduction")!.flips.find((f) => f.input === "candidate.task_success")!;

  test("1/p: (100/s) / (100/60) ≤ 0.8 from s ≥ 75 %, solved", () => {
    expect(flipOf()).toMatchObject({ direction: "above", becomes: "pass", method: "closed_form" });
    expect(flipOf().at).toBeCloseTo(75, 8);
  });

  test("capped at 3 attempts, not a ratio of lines: (1 − (1 − p)³)/p = 3 − 3p + p² ≤ 0.8 × 1.56 from p ≥ (3 − √1.992)/2, checked", () => {
    const capped = { version: 1 as const, max_attempts: 3, rules: [{ id: "cost-reduction", metric: "cost.retry_adjusted", change_pct: { max: -20 } }] };
    expect(flipOf(capped).at).toBeCloseTo(((3 - Math.sqrt(1.992)) / 2) * 100, 6);
  });
});
