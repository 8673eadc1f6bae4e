import { describe, expect, it } from "vitest";
import { parseRecord } from "../../src/record/parse.js";
import { parseTokenCount } from "../../src/record/quantity/token-count.js";
import { evaluate } from "../../src/evaluate.js";
import { defaultPolicy } from "../../src/rules/default-policy.js";

const FM = "---\nid: EDGE\ntitle: edges\nold_model: Llama 3.1 8B\nnew_model: Qwen2.5 14B\n";
const rec = (body: string, extra = "") => `${FM}${extra}---\n${body}`;
function ok(text: string) {
  const r = parseRecord(text, "<edge>");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record;
}

describe("token counts are whole", () => {
  it.each([
    ["100M", 1e8],
    ["100m", 1e8],
    ["2.5B tokens", 2.5e9],
    ["50,000", 50000],
    ["1e8", null],
    ["100 apples", null],
    ["100M:50M", null],
  ])("%s → %s", (text, expected) => expect(parseTokenCount(text)).toBe(expected));
});

describe("lines that do not give the candidate a figure", () => {
  it("an arrow to words leaves the candidate without a value and warns", () => {
    const r = ok(rec("- タスク成功率: 68% → 未測定\n"));
    expect(r.models.find((m) => m.role === "new")!.metrics.task_success).toBeUndefined();
    expect(r.warnings.map((w) => [w.code, w.line])).toContainEqual(["unreadable-value", 7]);
  });

  it("a line giving the old value first reads each value for the model its note names", () => {
    const r = ok(rec("- エラー率: 1.2%（旧）、0.7%（新）\n"));
    expect(r.models.find((m) => m.role === "old")!.metrics.error_rate?.value).toBe(1.2);
    expect(r.models.find((m) => m.role === "new")!.metrics.error_rate?.value).toBe(0.7);
  });

  it("two values with nothing to tell their models apart are refused with a warning", () => {
    const r = ok(rec("- エラー率: 1.2%、0.7%\n"));
    expect(r.models.find((m) => m.role === "new")!.metrics.error_rate).toBeUndefined();
    expect(r.warnings.map((w) => w.code)).toContain("unreadable-value");
  });
});

describe("words are not models", () => {
  it("a cost sum under a plain label adds no model", () => {
    const r = ok(rec("- Total: $20 + $10 = $30\n- Measured: mean 1.5 s, p95 2.2 s\n"));
    expect(r.models.map((m) => m.name)).toEqual(["Llama 3.1 8B", "Qwen2.5 14B"]);
  });

  it("a table whose columns name no known model is not read per model", () => {
    const r = ok(rec("| Week | Users | Error rate |\n|---|---|---|\n| 1 | 10% | 0.7% |\n"));
    expect(r.models.map((m) => m.name)).toEqual(["Llama 3.1 8B", "Qwen2.5 14B"]);
  });

  it("a table naming a known model brings in the other columns as models", () => {
    const r = ok(rec("| Metric | Qwen2.5 14B | Mistral Small | Verdict |\n|---|---|---|---|\n| MMLU | 79.7% | 72.0% | Qwen |\n"));
    expect(r.models.find((m) => m.name === "Mistral Small")?.metrics.mmlu?.value).toBe(72);
  });
});

describe("frontmatter", () => {
  it("old_model and new_model naming the same model is an error on new_model's line", () => {
    const r = parseRecord("---\nid: X\ntitle: t\nold_model: GPT-4o\nnew_model: gpt-4o\n---\n", "<same>");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: "frontmatter-invalid", line: 5 });
  });
});

describe("evaluate", () => {
  it("refuses a policy that does not pass the policy schema", () => {
    const r = ok(rec("- Task success rate: 70% → 80%\n"));
    const bad = { version: 1, rules: [{ id: "x", any: [] }] } as unknown as typeof defaultPolicy;
    expect(() => evaluate(r, { policy: bad })).toThrow(TypeError);
  });

  it("the default policy cannot be changed by a caller", () => {
    expect(Object.isFrozen(defaultPolicy)).toBe(true);
    expect(Object.isFrozen(defaultPolicy.rules[0])).toBe(true);
  });

  it("the audit of a stated break-even uses the record's own usage, never the flag's", () => {
    // Input $0.10, output $0.30 per 1M: without the record's usage there is no blended price.
    const body = "| Metric | Llama 3.1 8B | Qwen2.5 14B |\n|---|---|---|\n| Input price | $0.10/1M tokens | $0.10/1M tokens |\n| Output price | $0.30/1M tokens | $0.30/1M tokens |\n\n- Initial investment: $36,000\n- Monthly operating cost: $0\n- Break-even: 5B tokens per month\n";
    const r = ok(rec(body));
    const withFlag = evaluate(r, { usage: { inputTokens: 1e8, outputTokens: 1 } });
    expect(withFlag.audit.find((a) => a.kind === "break_even")?.computed).toBeNull();
    // The report's own self-hosting figures do follow the flag: F = 36,000/36 = $1,000 a month,
    // blended price ≈ $0.10 per 1M at that mix, so about 10 billion tokens a month.
    expect(withFlag.selfHost?.breakEvenTokensPerMonth).toBeCloseTo(1000 / 0.100000002 * 1e6, -3);
  });
});

describe("self-hosting token figures: the one figure in tokens, or refused", () => {
  const selfHost = (line: string) => ok(rec(`## Self-hosting\n\n- Initial investment: $36,000\n- Monthly opex: $1,000\n- ${line}\n`));
  const MONTH = 365 / 12;
  it.each<[string, number | null]>([
    ["Capacity: 2B tokens per day", 2e9 * MONTH],
    ["Daily capacity: 2B tokens", 2e9 * MONTH],
    ["Capacity: 24B tokens a year", 2e9],
    ["処理能力: 20億トークン/日", 2e9 * MONTH],
    ["処理能力: 1日あたり20億トークン", 2e9 * MONTH],
    // A count beside the tokens (one day, one server) is not the capacity.
    ["処理能力: 1日20億トークン", 2e9 * MONTH],
    ["Capacity: 1 server handles 2B tokens a month", 2e9],
    ["Capacity: 2B tokens (1 server)", 2e9],
    ["Capacity: 2,000,000,000", 2e9],
    // Two token figures, or two bare numbers: which is meant cannot be told.
    ["Capacity: 2B tokens now, 3B tokens after the upgrade", null],
    ["Capacity: 2 or 3 servers' worth", null],
    ["Capacity: 2-3B tokens a month", null],
  ])("%s → %s", (line, expected) => {
    const r = selfHost(line);
    const got = r.selfHost?.capacityTokensPerMonth?.value ?? null;
    if (expected === null) {
      expect(got).toBeNull();
      expect(r.warnings.some((w) => w.line === 11)).toBe(true);
    } else expect(got).toBeCloseTo(expected, -3);
  });

  it.each<[string, number | null]>([
    ["Break-even: 3.6B tokens a month", 3.6e9],
    ["損益分岐点: 1日1.2億トークン", 1.2e8 * MONTH],
    ["Break-even: at 2 servers, 4B tokens a month", 4e9],
    ["Break-even: 3B tokens or 4B tokens", null],
  ])("%s → a stated break-even of %s", (line, expected) => {
    const r = selfHost(line);
    const got = r.selfHost?.statedBreakEvenTokensPerMonth?.value ?? null;
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, -3);
  });
});
