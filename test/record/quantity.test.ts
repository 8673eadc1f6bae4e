/**
 * The quantity grammar against hand-computed values: every form a record may write, and every
 * form it must refuse.
 */
import { describe, expect, it } from "vitest";
import { decimalMarkOf, type DecimalMark } from "../../src/record/quantity/number.js";
import { isRefusal, readQuantity, type Quantity } from "../../src/record/quantity/quantity.js";
import { normalizeText } from "../../src/record/quantity/text.js";

function read(text: string, decimal: DecimalMark = null): Quantity {
  const t = normalizeText(text);
  const q = readQuantity(t, 0, { decimal });
  if (q === null || isRefusal(q)) throw new Error(`${text}: ${q === null ? "no figure" : q.refuse}`);
  expect(q.end, `${text}: whole text read`).toBe(t.length);
  return q;
}

function refused(text: string, decimal: DecimalMark = null): string {
  const t = normalizeText(text);
  const q = readQuantity(t, 0, { decimal });
  if (q !== null && !isRefusal(q) && q.end === t.length) throw new Error(`${text} was read as ${q.value}`);
  return q !== null && isRefusal(q) ? q.refuse : "not whole";
}

describe("numbers", () => {
  it.each<[string, number, number]>([
    // text, value, step
    ["62.5", 62.5, 0.1],
    ["1,000", 1000, 1],
    ["12,500,000", 12.5e6, 1],
    ["1,234.56", 1234.56, 0.01],
    ["1.234,56", 1234.56, 0.01],
    ["1.000.000", 1e6, 1],
    ["1,00,000", 100000, 1],
    ["62,5", 62.5, 0.1],
    ["0,45", 0.45, 0.01],
    ["0,500", 0.5, 0.001],
    ["８２", 82, 1],
    ["100M", 1e8, 1e6],
    ["1.5B", 1.5e9, 1e8],
    ["32K", 32000, 1000],
    ["32k", 32000, 1000],
    ["2 bn", 2e9, 1e9],
    ["300 million", 3e8, 1e6],
    ["1.2 billion", 1.2e9, 1e8],
    ["20万", 200000, 10000],
    ["12.8万", 128000, 1000],
    ["3.5億", 3.5e8, 1e7],
    ["1億2,000万", 1.2e8, 1e4],
    ["12万8千", 128000, 1000],
    ["5千万", 5e7, 1e7],
    ["50億", 5e9, 1e8],
  ])("%s → %d", (text, value, step) => {
    const q = read(text);
    expect(q.value).toBeCloseTo(value, 6);
    expect(q.step).toBeCloseTo(step, 9);
  });

  it.each<[string, DecimalMark, number]>([
    ["1.250", "dot", 1.25],
    ["1.250", "comma", 1250],
    ["128.000", "comma", 128000],
    ["1,000", "dot", 1000],
  ])("%s in a record writing %s decimals → %d", (text, mark, value) => {
    expect(read(text, mark).value).toBeCloseTo(value, 9);
  });

  it.each<[string, DecimalMark]>([
    ["128.000", null],
    ["1.250", null],
    ["1,000", "comma"],
    ["1,0000", null],
    ["1.5.3", null],
    ["1,2.3", null],
    ["1e3", null],
    ["2.5E-3", null],
    ["0x10", null],
    ["½", null],
    ["1234567890123456789012", null],
  ])("%s is refused (decimal mark %s)", (text, mark) => {
    expect(refused(text, mark)).not.toBe("");
  });

  it("7O% (a letter O) is refused: text glued to the number", () => {
    expect(refused("7O%")).toMatch(/glued/);
  });

  it("decimalMarkOf settles the convention from unambiguous numbers only", () => {
    expect(decimalMarkOf("MMLU 62.5% and 0.82")).toBe("dot");
    expect(decimalMarkOf("MMLU 62,5 % et €0,45")).toBe("comma");
    expect(decimalMarkOf("128.000 tokens, 1,000 calls")).toBe(null);
    expect(decimalMarkOf("62.5% and 62,5%")).toBe(null);
    expect(decimalMarkOf("€1.234,50")).toBe("comma");
  });
});

describe("dimensions", () => {
  it.each<[string, Partial<Quantity>]>([
    ["82%", { value: 82, dimension: "percent" }],
    ["８２％", { value: 82, dimension: "percent" }],
    ["82 pct", { value: 82, dimension: "percent" }],
    ["7割", { value: 70, dimension: "percent", step: 10 }],
    ["8割5分", { value: 85, dimension: "percent", step: 1 }],
    ["+5pt", { value: 5, dimension: "points", signed: true }],
    ["+5 pts", { value: 5, dimension: "points" }],
    ["+4ポイント", { value: 4, dimension: "points" }],
    ["−4%", { value: -4, dimension: "percent", signed: true }],
    ["－4％", { value: -4, dimension: "percent" }],
    ["850ms", { value: 0.85, dimension: "duration", step: 0.001 }],
    ["1,900ms", { value: 1.9, dimension: "duration" }],
    ["1.5秒", { value: 1.5, dimension: "duration" }],
    ["2.4 s", { value: 2.4, dimension: "duration" }],
    ["2 min", { value: 120, dimension: "duration" }],
    ["1分30秒", { value: 90, dimension: "duration" }],
    ["平均 1.5秒", { value: 1.5, dimension: "duration", stat: "mean" }],
    ["p95 2.4 s", { value: 2.4, stat: "p95" }],
    ["32K tokens", { value: 32000, dimension: "tokens" }],
    ["20万トークン", { value: 200000, dimension: "tokens" }],
    ["128,000 tokens", { value: 128000, dimension: "tokens" }],
    ["100m tokens", { value: 1e8, dimension: "tokens" }],
    ["100M Input tokens", { value: 1e8, dimension: "tokens", side: "input" }],
    ["300 million input tokens", { value: 3e8, dimension: "tokens", side: "input" }],
    ["47B params", { value: 47e9, dimension: "params" }],
    ["8 billion parameters", { value: 8e9, dimension: "params" }],
    ["1.9回", { value: 1.9, dimension: "count", noun: "time" }],
    ["1.4 attempts", { value: 1.4, dimension: "count", noun: "attempt" }],
    ["0.4 retries", { value: 0.4, dimension: "count", noun: "retry" }],
    ["3.8倍", { value: 3.8, dimension: "times" }],
    ["2x", { value: 2, dimension: "times" }],
    ["120 tok/s", { value: 120, dimension: "throughput" }],
    ["85 tokens/s", { value: 85, dimension: "throughput" }],
    ["3.9/5", { value: 0.78, dimension: "fraction", fraction: { k: 3.9, n: 5 } }],
    ["47/50", { value: 0.94, dimension: "fraction" }],
    ["47 of 50", { value: 0.94, dimension: "fraction" }],
    ["50件中47件", { value: 0.94, dimension: "fraction", fraction: { k: 47, n: 50 } }],
    ["約60%", { value: 60, approx: true }],
    ["about 1,500M", { value: 1.5e9, approx: true, dimension: "number" }],
    ["~300M", { value: 3e8, approx: true }],
    ["140M tokens以上", { value: 1.4e8, bound: "min", dimension: "tokens" }],
    [">80%", { value: 80, bound: "min" }],
    ["< 3 s", { value: 3, bound: "max" }],
    ["80%強", { value: 80, approx: true }],
  ])("%s", (text, expected) => {
    const q = read(text);
    for (const [k, v] of Object.entries(expected)) {
      if (typeof v === "number") expect((q as unknown as Record<string, number>)[k], k).toBeCloseTo(v, 9);
      else expect((q as unknown as Record<string, unknown>)[k], k).toEqual(v);
    }
  });
});

describe("money", () => {
  it.each<[string, { value: number; currency: string; per?: string | null; period?: string | null; side?: string | null }]>([
    ["$0.20/1M tokens", { value: 0.2, currency: "USD", per: "token" }],
    ["$0.6/1K tokens", { value: 600, currency: "USD", per: "token" }],
    ["$0.002 per 1K", { value: 2, currency: "USD", per: "token" }],
    ["$0.0005/1K tokens", { value: 0.5, currency: "USD", per: "token" }],
    ["$0.50 per million input tokens", { value: 0.5, currency: "USD", per: "token", side: "input" }],
    ["$0.50/1M Input", { value: 0.5, currency: "USD", per: "token", side: "input" }],
    ["$500/1B tokens", { value: 0.5, currency: "USD", per: "token" }],
    ["$0.0007 per thousand tokens", { value: 0.7, currency: "USD", per: "token" }],
    ["$3/MTok", { value: 3, currency: "USD", per: "token" }],
    ["$15 per MTok", { value: 15, currency: "USD", per: "token" }],
    ["$3/M", { value: 3, currency: "USD", per: "token" }],
    ["¥15/100万トークン", { value: 15, currency: "JPY", per: "token" }],
    ["15円/100万トークン", { value: 15, currency: "JPY", per: "token" }],
    ["30円", { value: 30, currency: "JPY", per: null }],
    ["100万トークンあたり15円", { value: 15, currency: "JPY", per: "token" }],
    ["1Kトークンあたり$0.002", { value: 2, currency: "USD", per: "token" }],
    ["€0.45 per 1M input tokens", { value: 0.45, currency: "EUR", per: "token", side: "input" }],
    ["€0,45/1M", { value: 0.45, currency: "EUR", per: "token" }],
    ["US$1.25/1M", { value: 1.25, currency: "USD", per: "token" }],
    ["$50,000", { value: 50000, currency: "USD" }],
    ["$800/month", { value: 800, currency: "USD", period: "month" }],
    ["$60k/year", { value: 5000, currency: "USD", period: "year" }],
    ["$54,000 per year", { value: 4500, currency: "USD", period: "year" }],
    ["$2.4k a month", { value: 2400, currency: "USD", period: "month" }],
    ["月額¥120,000", { value: 120000, currency: "JPY", period: "month" }],
    ["年間360万円", { value: 300000, currency: "JPY", period: "year" }],
    ["$2.50/hour", { value: 1825, currency: "USD", period: "hour" }],
    ["$2.49/GPU-hour", { value: 2.49, currency: "USD", per: "gpu_hour" }],
    ["$0.04 per image", { value: 0.04, currency: "USD", per: "image" }],
    ["0.5円/リクエスト", { value: 0.5, currency: "JPY", per: "request" }],
    ["$4 per 1K conversations", { value: 0.004, currency: "USD", per: "conversation" }],
    ["-$35", { value: -35, currency: "USD" }],
    ["+$60", { value: 60, currency: "USD" }],
    ["1,200万円", { value: 1.2e7, currency: "JPY" }],
  ])("%s", (text, expected) => {
    const q = read(text);
    expect(q.dimension).toBe("money");
    expect(q.value).toBeCloseTo(expected.value, 9);
    expect(q.currency).toBe(expected.currency);
    if ("per" in expected) expect(q.per).toBe(expected.per);
    if ("period" in expected) expect(q.period).toBe(expected.period);
    if ("side" in expected) expect(q.side).toBe(expected.side);
  });

  it.each(["£2.50/1M", "CHF 3", "₹100", "5 GBP"])("%s is refused by currency name", (text) => {
    expect(refused(text)).toMatch(/currency/);
  });
});

describe("periods and usage", () => {
  it.each<[string, number, string]>([
    ["10M tokens/day", 10e6 * 365 / 12, "day"],
    ["1日あたり1,000万トークン", 1e7 * 365 / 12, "day"],
    ["3.6B tokens a year", 3e8, "year"],
    ["50,000 images a month", 50000, "month"],
    ["月間3億トークン", 3e8, "month"],
  ])("%s → %d per month", (text, perMonth, period) => {
    const q = read(text);
    expect(q.value).toBeCloseTo(perMonth, 3);
    expect(q.period).toBe(period);
  });
});

describe("ranges", () => {
  it.each<[string, [number, number]]>([
    ["1.2–1.5", [1.2, 1.5]],
    ["2.8〜3.4秒", [2.8, 3.4]],
    ["2.8-3.4 s", [2.8, 3.4]],
    ["68%–82%", [68, 82]],
    ["300–400M", [3e8, 4e8]],
    ["20〜30万", [2e5, 3e5]],
    ["between 300M and 400M tokens", [3e8, 4e8]],
    ["$3–$5/1M", [3, 5]],
  ])("%s stays a range", (text, range) => {
    const q = read(text);
    expect(q.range?.[0]).toBeCloseTo(range[0], 6);
    expect(q.range?.[1]).toBeCloseTo(range[1], 6);
  });

  it("an arrow is not a range", () => {
    const t = normalizeText("2.1秒->1.4秒");
    const q = readQuantity(t, 0, { decimal: null });
    expect(q && !isRefusal(q) ? q.range : "refused").toBeNull();
  });
});
