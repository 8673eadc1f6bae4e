import { describe, expect, it } from "vitest";
import { conform, normalizeText, parseQuantity, parseTokenCount, type Qualifier, type QuantityKind } from "../../src/record/units.js";

/** Reads `text` as the extractor does: normalised first. */
const read = (text: string) => parseQuantity(normalizeText(text));

describe("parseQuantity", () => {
  it.each<[string, number, QuantityKind]>([
    ["$0.20/1M tokens", 0.2, "usd_per_mtok"],
    ["$0.6/1K tokens", 600, "usd_per_mtok"],
    ["$0.0005/1K tokens", 0.5, "usd_per_mtok"],
    ["平均 1.5秒", 1.5, "seconds"],
    ["850ms", 0.85, "seconds"],
    ["1,900ms", 1.9, "seconds"],
    ["p95 2.4 s", 2.4, "seconds"],
    ["8K tokens", 8000, "tokens"],
    ["128,000 tokens", 128000, "tokens"],
    ["140M tokens以上", 1.4e8, "tokens"],
    ["47B params（8x7B MoE）", 47e9, "params"],
    ["3.2/5", 3.2, "score"],
    ["8/10", 4, "score"],
    ["1.9回", 1.9, "attempts"],
    ["$50,000", 50000, "usd"],
    ["６８％", 68, "percent"],
    ["約60%", 60, "percent"],
    ["**70.6%**", 70.6, "percent"],
    ["+8.1%", 8.1, "percent"],
    ["−4%", -4, "percent"],
    ["about 1,500M", 1.5e9, "plain"],
  ])("%s → %d (%s)", (text, value, kind) => {
    const q = read(text);
    expect(q?.kind).toBe(kind);
    expect(q?.value).toBeCloseTo(value, 9);
  });

  it.each<[string, Qualifier[]]>([
    ["平均 1.5秒", ["mean"]],
    ["約60%", ["approx"]],
    ["about 1,500M", ["approx"]],
    ["p95 2.4 s", ["p95"]],
    ["1.5秒", []],
  ])("%s has qualifiers %j", (text, qualifiers) => {
    expect(read(text)?.qualifiers).toEqual(qualifiers);
  });

  it.each<[string, { signed: boolean; decimals: number; step: number }]>([
    ["+8.1%", { signed: true, decimals: 1, step: 0.1 }],
    ["−4%", { signed: true, decimals: 0, step: 1 }],
    ["62.5%", { signed: false, decimals: 1, step: 0.1 }],
    ["140M tokens以上", { signed: false, decimals: 0, step: 1e6 }],
    ["$0.20/1M tokens", { signed: false, decimals: 2, step: 0.01 }],
  ])("%s keeps its sign and rounding", (text, expected) => {
    const q = read(text);
    expect(q).not.toBeNull();
    expect(q!.signed).toBe(expected.signed);
    expect(q!.decimals).toBe(expected.decimals);
    expect(q!.step).toBeCloseTo(expected.step, 12);
  });

  it("reports how much of the input it used", () => {
    expect(read("140M tokens以上")?.length).toBe("140M tokens".length);
    expect(read("47B params（8x7B MoE）")?.length).toBe("47B params".length);
  });

  it.each(["n/a", "中程度タスク", "", "   ", "?", "tbd"])("%j is not a number", (text) => {
    expect(read(text)).toBeNull();
  });

  it("reads full-width digits and U+2212 only after normalizeText", () => {
    expect(parseQuantity("６８％")).toBeNull();
    expect(parseQuantity("−4%")).toBeNull();
  });
});

describe("normalizeText", () => {
  it.each([
    ["**70.6%**", "70.6%"],
    ["−4%", "-4%"],
    ["６８％", "68%"],
    ["47B params（8x7B MoE）", "47B params(8x7B MoE)"],
    ["タスク成功率：68%", "タスク成功率:68%"],
    ["1\u00a0000", "1 000"],
  ])("%j → %j", (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });
});

describe("conform", () => {
  const q = (text: string) => {
    const parsed = read(text);
    if (!parsed) throw new Error(`cannot read ${text}`);
    return parsed;
  };

  it.each([
    ["62.5%", "percent", 62.5],
    ["62.5", "percent", 62.5],
    ["$0.20/1M tokens", "usd_per_mtok", 0.2],
    ["850ms", "seconds", 0.85],
    ["8K tokens", "tokens", 8000],
    ["1.9回", "attempts", 1.9],
    ["3.2/5", "score", 3.2],
  ] as const)("%s fits a %s metric", (text, unit, value) => {
    expect(conform(q(text), unit)).toBeCloseTo(value, 9);
  });

  it.each([
    ["1.5秒", "percent"],
    ["62.5%", "seconds"],
    ["8K tokens", "usd_per_mtok"],
    ["$50,000", "percent"],
  ] as const)("%s does not fit a %s metric", (text, unit) => {
    expect(conform(q(text), unit)).toBeNull();
  });
});

describe("parseTokenCount", () => {
  it.each<[unknown, number]>([
    ["100M", 1e8],
    ["50M", 5e7],
    ["1.5B", 1.5e9],
    ["2.5 billion", 2.5e9],
    ["50,000", 50000],
    ["8K tokens", 8000],
    [123, 123],
    [0, 0],
  ])("%j → %d", (input, tokens) => {
    expect(parseTokenCount(input)).toBe(tokens);
  });

  it.each<[unknown]>([["abc"], ["$5"], ["-5M"], ["50%"], [-1], [Number.NaN], [Infinity], [null], [undefined], [{}], ["1".repeat(65)]])(
    "%j is not a token count",
    (input) => {
      expect(parseTokenCount(input)).toBeNull();
    },
  );
});
