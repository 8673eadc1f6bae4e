/** evaluate() with the catalog: figures computed by hand from the pinned catalog's prices. */
import { beforeAll, describe, expect, test } from "vitest";
import { BaselineError } from "../../src/calc/analyze.js";
import { evaluate } from "../../src/evaluate.js";
import { loadCatalog, type Catalog } from "../../src/prices/catalog.js";
import { CatalogError } from "../../src/prices/plan.js";
import { ReportSchema } from "../../src/report/schema.js";
import { reportFindings } from "../../src/report/findings.js";
import { parsePolicy } from "../../src/rules/parse-policy.js";
import { parseRecord } from "../../src/record/parse.js";
import { fixture, load } from "../helpers.js";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const TODAY = "2026-12-02";
const disagrees = () => load(fixture("prices/price-disagrees.md"));
const codes = (r: { warnings: Array<{ code: string }> }) => r.warnings.map((w) => w.code);

describe("--baseline a model the record does not price", () => {
  test("its prices come from the catalog; figures the record lacks stay unknown", () => {
    const r = evaluate(disagrees(), { catalog, baseline: "anthropic:claude-3-haiku", today: TODAY });
    expect(r.baseline).toBe("anthropic:claude-3-haiku");
    expect(r.cost.baseline).toMatchObject({ priceInput: 0.25, priceOutput: 1.25 });
    // 100M × 0.25 + 50M × 1.25 = 25 + 62.5; GPT-4o mini at the record's 0.20 / 0.60: 20 + 30
    expect(r.cost.baseline.monthly).toBe(87.5);
    expect(r.cost.candidate.monthly).toBe(50);
    expect(r.metrics.find((m) => m.key === "task_success")).toMatchObject({ baseline: null, candidate: 80 });
    expect(r.prices).toMatchObject({
      source: "record", asOf: TODAY, asOfSource: "today",
      catalog: { package: "@pydantic/genai-prices", version: "0.1.8", dataDate: "2026-09-23", ageDays: 70 },
      models: [{ role: "baseline", provider: "anthropic", model: "claude-3-haiku", priceInput: 0.25, priceOutput: 1.25, tier: null }],
    });
    expect(codes(r)).toContain("catalog-prices");
    expect(ReportSchema.safeParse(r).success).toBe(true);
  });

  test("a model the record prices is still taken from the record", () => {
    const r = evaluate(disagrees(), { catalog, baseline: "GPT-3.5 Turbo", today: TODAY });
    expect(r.baseline).toBe("GPT-3.5 Turbo");
    expect(r.prices?.models).toEqual([]);
  });

  test("unknown and ambiguous names are errors that list the names", () => {
    expect(() => evaluate(disagrees(), { catalog, baseline: "gpt-4o-minii", today: TODAY })).toThrow(/close: .*openai:gpt-4o-mini/);
    expect(() => evaluate(disagrees(), { catalog, baseline: "deepseek/deepseek-v3.2", today: TODAY })).toThrow(BaselineError);
    expect(() => evaluate(disagrees(), { catalog, baseline: "deepseek/deepseek-v3.2", today: TODAY })).toThrow(/avian:deepseek\/deepseek-v3.2, openrouter:deepseek\/deepseek-v3.2/);
  });

  test("without a catalog, a name the record does not have is the BaselineError it always was", () => {
    expect(() => evaluate(disagrees(), { baseline: "openai:gpt-4o-mini" })).toThrow(BaselineError);
    expect(evaluate(disagrees()).prices).toBeUndefined();
  });
});

describe("--prices catalog and --prices-as-of", () => {
  test("old and new at the catalog's prices", () => {
    const r = evaluate(disagrees(), { catalog, prices: "catalog", today: TODAY });
    expect(r.cost.baseline).toMatchObject({ priceInput: 0.5, priceOutput: 1.5, monthly: 125 });
    // 100M × 0.15 + 50M × 0.60
    expect(r.cost.candidate).toMatchObject({ priceInput: 0.15, priceOutput: 0.6, monthly: 45 });
    expect(r.prices?.source).toBe("catalog");
    expect(r.metrics.find((m) => m.key === "price_input")).toMatchObject({ baseline: 0.5, candidate: 0.15, line: null });
  });

  test("a day before a model's first price is an error", () => {
    expect(() => evaluate(disagrees(), { catalog, prices: "catalog", pricesAsOf: "2024-01-01", today: TODAY })).toThrow(CatalogError);
    expect(() => evaluate(disagrees(), { catalog, prices: "catalog", pricesAsOf: "2024-01-01", today: TODAY })).toThrow(/gpt-4o-mini has no price on 2024-01-01: its first dated snapshot is 2024-07-18/);
  });

  test("a day in the history: the report says which day, and that an undated first price was taken", () => {
    const r = evaluate(disagrees(), { catalog, prices: "catalog", pricesAsOf: "2025-01-01", today: TODAY });
    expect(r.prices).toMatchObject({ asOf: "2025-01-01", asOfSource: "given" });
    expect(codes(r)).toContain("catalog-undated");
  });

  test("a model the catalog cannot place is an error, not a price from the record", () => {
    const record = load(fixture("records/english-seed-style-cost-up.md"));
    expect(() => evaluate(record, { catalog, prices: "catalog", today: TODAY })).toThrow(/"Llama 3.1 8B" is not in the price catalog; close: groq:llama-3.1-8b-instant/);
  });

  test("catalog options without a catalog are refused", () => {
    expect(() => evaluate(disagrees(), { prices: "catalog" })).toThrow(CatalogError);
  });
});

describe("tiered prices", () => {
  const tiered = () => load(fixture("prices/tiered-requests.md"));

  test("the request size from the record's usage picks the upper tier, and the report says why", () => {
    const r = evaluate(tiered(), { catalog, prices: "catalog", today: TODAY });
    // 300M input tokens over 1,000 requests = 300,000 a request > 200,000: 6 / 22.5 per 1M
    expect(r.cost.candidate).toMatchObject({ priceInput: 6, priceOutput: 22.5, monthly: 300 * 6 + 30 * 22.5 });
    expect(r.cost.baseline).toMatchObject({ priceInput: 0.25, priceOutput: 1.25, monthly: 300 * 0.25 + 30 * 1.25 });
    const sonnet = r.prices?.models.find((m) => m.role === "candidate");
    expect(sonnet?.tier).toEqual({ index: 1, from: 200_000, of: 2, requestTokens: 300_000, requestTokensSource: "record" });
    expect(r.warnings.find((w) => w.code === "catalog-tier")?.message).toBe("Claude Sonnet 4.5 is priced by request size: tier 2 of 2 (over 200,000), for 300,000 input tokens a request (from the record's usage)");
  });

  test("--request-tokens wins; at or under 200,000 it is the base tier", () => {
    const r = evaluate(tiered(), { catalog, prices: "catalog", requestTokens: 200_000, today: TODAY });
    expect(r.cost.candidate).toMatchObject({ priceInput: 3, priceOutput: 15, monthly: 300 * 3 + 30 * 15 });
    expect(r.prices?.models.find((m) => m.role === "candidate")?.tier).toMatchObject({ index: 0, requestTokensSource: "flag" });
  });
});

describe("the price check", () => {
  test("a record price more than 5% off the catalog's is a warning with both figures, the line and the catalog's date", () => {
    const r = evaluate(disagrees(), { catalog, today: TODAY, baseline: "openai:gpt-4o" });
    const off = r.prices!.check.filter((x) => x.ok === false);
    expect(off).toHaveLength(1);
    // 0.20 against 0.15: +33.3 %
    expect(off[0]).toMatchObject({ model: "GPT-4o mini", side: "input", line: 16, stated: 0.2, catalog: 0.15, date: "2024-09-02" });
    expect(off[0]!.diffPct).toBeCloseTo(33.333, 2);
    expect(r.prices!.check.filter((x) => x.ok === true)).toHaveLength(3);
    const w = r.warnings.find((x) => x.code === "price-mismatch");
    expect(w?.line).toBe(16);
    expect(w?.message).toContain("$0.2/1M");
    expect(w?.message).toContain("$0.15/1M");
    expect(w?.message).toContain("0.1.8 of 2026-09-23");
    // In SARIF and annotations it is a warning of its own kind, on the price's line.
    const finding = reportFindings(r).find((f) => f.ruleId === "prices/price-mismatch");
    expect(finding).toMatchObject({ level: "warning", line: 16 });
  });

  test("prices per 1K are compared after the reader's normalisation", () => {
    const r = evaluate(load(fixture("records/english-units-ms-per-1k.md")), { catalog, prices: "record", pricesAsOf: null, today: TODAY, baseline: null });
    expect(r.prices!.check.map((x) => x.ok)).toEqual([true, true, true, true]);
  });

  test("prices in yen are compared only at a rate", () => {
    const yen = load(fixture("prices/yen-prices.md"));
    const without = evaluate(yen, { catalog, today: TODAY });
    expect(without.prices!.check.every((x) => x.ok === null && x.statedUsd === null)).toBe(true);
    expect(codes(without).filter((c) => c === "price-check-currency")).toHaveLength(2);
    // ¥22.5 × 0.0067 = $0.15075 (+0.5 %); ¥75 × 0.0067 = $0.5025
    const withFx = evaluate(yen, { catalog, today: TODAY, fx: { JPY: 0.0067 } });
    expect(withFx.prices!.check.every((x) => x.ok === true)).toBe(true);
    expect(withFx.prices!.check.find((x) => x.model === "GPT-4o mini" && x.side === "input")!.statedUsd).toBeCloseTo(0.15075, 8);
  });

  test("a catalog baseline against a record in yen: the cost needs a rate, never mixes", () => {
    const yen = load(fixture("prices/yen-prices.md"));
    const r = evaluate(yen, { catalog, today: TODAY, baseline: "openai:gpt-4o" });
    expect(r.cost.currency).toBe("USD");
    expect(r.cost.candidate.monthly).toBeNull();
    expect(codes(r)).toContain("currency-mismatch");
  });
});

describe("max_catalog_age_days", () => {
  const policy = (extra: object) => ({ version: 1 as const, rules: [{ id: "quality", metric: "task_success", change_pp: { min: 5 } }], ...extra });

  test("an old catalog is a warning, and a passing rule when it is young enough", () => {
    const r = evaluate(disagrees(), { catalog, today: TODAY, policy: policy({ max_catalog_age_days: 30 }) });
    expect(codes(r)).toContain("catalog-stale");
    expect(r.rules.find((x) => x.id === "catalog-age")).toMatchObject({ severity: "warning", status: "fail", actual: 70 });
    expect(r.verdict).toBe("MIGRATE");
    const young = evaluate(disagrees(), { catalog, today: TODAY, policy: policy({ max_catalog_age_days: 70 }) });
    expect(young.rules.find((x) => x.id === "catalog-age")?.status).toBe("pass");
    expect(codes(young)).not.toContain("catalog-stale");
  });

  test("required, an old catalog is a HOLD", () => {
    const r = evaluate(disagrees(), { catalog, today: TODAY, policy: policy({ max_catalog_age_days: 30, catalog_age_severity: "required" }) });
    expect(r.verdict).toBe("HOLD");
  });

  test("without the catalog the limit does nothing", () => {
    const r = evaluate(disagrees(), { policy: policy({ max_catalog_age_days: 30, catalog_age_severity: "required" }) });
    expect(r.rules.map((x) => x.id)).toEqual(["quality"]);
    expect(r.verdict).toBe("MIGRATE");
  });
});

describe("the policy's catalog keys", () => {
  const rules = "rules:\n  - { id: q, metric: task_success, change_pp: { min: 5 } }\n";
  test("max_catalog_age_days with a severity is a policy; a severity alone, or a word for days, is an error with its line", () => {
    expect(parsePolicy(`version: 1\nmax_catalog_age_days: 60\ncatalog_age_severity: required\n${rules}`, "p.yaml")).toMatchObject({ ok: true });
    const alone = parsePolicy(`version: 1\ncatalog_age_severity: required\n${rules}`, "p.yaml");
    expect(alone).toMatchObject({ ok: false, errors: [{ line: 2 }] });
    expect(!alone.ok && alone.errors[0]!.message).toContain("needs max_catalog_age_days");
    expect(parsePolicy(`version: 1\nmax_catalog_age_days: sixty\n${rules}`, "p.yaml")).toMatchObject({ ok: false, errors: [{ line: 2 }] });
  });
});

test("an empty --baseline is a name left out, not looked up in the catalog", () => {
  expect(() => evaluate(disagrees(), { catalog, baseline: " ", today: TODAY })).toThrow(/^an empty name; baselines it has: GPT-3\.5 Turbo$/);
});

test("a day for catalog prices when none is used is refused, not ignored", () => {
  expect(() => evaluate(disagrees(), { catalog, pricesAsOf: "2025-01-01", today: TODAY })).toThrow(/none is used: add --prices catalog/);
  expect(evaluate(disagrees(), { catalog, baseline: "openai:gpt-4o", pricesAsOf: "2025-01-01", today: TODAY }).prices?.asOf).toBe("2025-01-01");
});

test("a catalog baseline that is the candidate itself is refused", () => {
  expect(() => evaluate(disagrees(), { catalog, baseline: "openai:gpt-4o-mini", today: TODAY })).toThrow(/"openai:gpt-4o-mini" is the candidate itself \(openai:gpt-4o-mini in the price catalog\); baselines it has: GPT-3\.5 Turbo/);
});

describe("a model priced by the time of day", () => {
  const text = `---
id: TOD_001
title: "deepseek-chat against gpt-4o-mini"
old_model: "deepseek-chat"
new_model: "gpt-4o-mini"
update_date: 2026-10-01
---

| Metric | deepseek-chat | gpt-4o-mini |
|---|---|---|
| API price (Input) | $0.27/1M tokens | $0.15/1M tokens |
| API price (Output) | $1.10/1M tokens | $0.60/1M tokens |

Monthly usage: 100M Input tokens, 50M Output tokens
`;
  const record = () => {
    const r = parseRecord(text, "tod.md");
    if (!r.ok) throw new Error("expected a record");
    return r.record;
  };

  test("is not priced from the catalog: no one price holds for a month", () => {
    expect(() => evaluate(record(), { catalog, prices: "catalog", today: TODAY })).toThrow(/deepseek:deepseek-chat is priced by the time of day \(00:30:00Z–16:30:00Z\)/);
  });

  test("its record price is not checked, with a warning that says why", () => {
    const r = evaluate(record(), { catalog, today: TODAY });
    const w = r.warnings.find((x) => x.code === "price-check-no-price");
    expect(w).toMatchObject({ line: 11 });
    expect(w?.message).toContain("priced by the time of day");
    expect(r.prices!.check.filter((x) => x.model === "deepseek-chat").every((x) => x.ok === null)).toBe(true);
    expect(r.prices!.check.filter((x) => x.model === "gpt-4o-mini").map((x) => x.ok)).toEqual([true, true]);
  });
});

describe("a baseline the record scores but does not price", () => {
  const scored = () => load(fixture("prices/scored-not-priced.md"));

  test("its prices come from the catalog, its scores from the record", () => {
    const r = evaluate(scored(), { catalog, baseline: "Claude 3 Haiku", today: TODAY });
    expect(r.baseline).toBe("Claude 3 Haiku");
    // 100M × 0.25 + 50M × 1.25; attempts 1 / 0.74
    expect(r.cost.baseline).toMatchObject({ priceInput: 0.25, priceOutput: 1.25, monthly: 87.5 });
    expect(r.cost.baseline.retryAdjustedMonthly).toBeCloseTo(87.5 / 0.74, 6);
    expect(r.metrics.find((m) => m.key === "mmlu")).toMatchObject({ baseline: 75.2, candidate: 82 });
    expect(r.prices?.models).toMatchObject([{ role: "baseline", name: "Claude 3 Haiku", provider: "anthropic", model: "claude-3-haiku" }]);
  });

  test("without the catalog its cost is unknown, as before", () => {
    expect(evaluate(scored(), { baseline: "Claude 3 Haiku" }).cost.baseline.monthly).toBeNull();
  });

  test("one the catalog cannot place keeps an unknown cost, with a warning naming close ids", () => {
    const record = load(fixture("prices/scored-not-priced.md"));
    const renamed = { ...record, models: record.models.map((m) => (m.name === "Claude 3 Haiku" ? { ...m, name: "Llama 3 70B" } : m)) };
    const r = evaluate(renamed, { catalog, baseline: "Llama 3 70B", today: TODAY });
    expect(r.cost.baseline.monthly).toBeNull();
    expect(r.warnings.find((w) => w.code === "catalog-no-match")?.message).toMatch(/^Llama 3 70B has no price in the record, and the catalog cannot say which model it is: .*close: /);
  });
});

test("what-if moves a catalog-priced baseline's prices as it moves a record's", () => {
  const r = evaluate(disagrees(), { catalog, baseline: "anthropic:claude-3-haiku", today: TODAY, whatif: {} });
  const flips = r.whatif!.flips.find((f) => f.rule === "cost-reduction")!.flips;
  // $50 against 100M × 0.25 + 50M × x falls 20 % at x = 0.75
  expect(flips.find((f) => f.input === "baseline.price_output")!.at).toBeCloseTo(0.75, 6);
  expect(r.whatif!.sensitivity.some((s) => s.input === "baseline.price_input" && s.value === 0.25)).toBe(true);
});
