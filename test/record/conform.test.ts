/** A quantity as a metric's value: dimensions, hints, fractions, retries, ranges and plausibility. */
import { describe, expect, it } from "vitest";
import { conform, withHint } from "../../src/record/read/conform.js";
import { isRefusal, readQuantity, type Quantity } from "../../src/record/quantity/quantity.js";
import { normalizeText } from "../../src/record/quantity/text.js";
import { parseAmount, parseTokenCount } from "../../src/record/quantity/token-count.js";
import { readHint } from "../../src/record/registry/labels.js";
import { METRICS } from "../../src/record/registry/metrics.js";

const def = (key: string) => METRICS.find((m) => m.key === key)!;
function q(text: string): Quantity {
  const t = normalizeText(text);
  const r = readQuantity(t, 0, { decimal: null });
  if (!r || isRefusal(r)) throw new Error(`cannot read ${text}`);
  return r;
}

describe("conform", () => {
  it.each<[string, string, number]>([
    ["62.5%", "mmlu", 62.5],
    ["62.5", "mmlu", 62.5],
    ["7割", "task_success", 70],
    ["47 of 50", "prompt_compat", 94],
    ["$0.20/1M tokens", "price_input", 0.2],
    ["¥15/100万トークン", "price_input", 15],
    ["850ms", "latency_mean", 0.85],
    ["8K tokens", "context_window", 8000],
    ["20万トークン", "context_window", 200000],
    ["1.9回", "attempts", 1.9],
    ["0.4 retries", "attempts", 1.4],
    ["3.2/5", "quality_score", 3.2],
    ["8/10", "quality_score", 4],
    ["85/100", "quality_score", 4.25],
    ["8.2/10", "mt_bench", 8.2],
    ["47B params", "params_total", 47e9],
    ["$0.04 per image", "price_image", 0.04],
  ])("%s as %s → %d", (text, key, value) => {
    const c = conform(q(text), def(key));
    expect(c.ok && c.value).toBeCloseTo(value, 9);
  });

  it.each<[string, string, RegExp]>([
    ["1.5秒", "mmlu", /percentage/],
    ["62.5%", "latency_mean", /time/],
    ["8K tokens", "price_input", /currency/],
    ["$0.50", "price_input", /per-token/],
    ["$0.04 per image", "price_input", /per image/],
    ["2.1", "latency_p95", /no unit/],
    ["12.8", "context_window", /plausible/],
    ["165%", "mmlu", /plausible/],
    ["0.4", "attempts", /plausible/],
    ["0.82", "task_success", /fraction or a percentage/],
    ["+5pt", "task_success", /change in points/],
    ["2.8–3.4 s", "latency_p95", /range/],
    ["¥1,000,000/1M", "price_input", /plausible/],
  ])("%s as %s is refused (%s)", (text, key, reason) => {
    const c = conform(q(text), def(key));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.reason).toMatch(reason);
  });

  it("reads plain numbers ≤ 1 as fractions only when every value beside them is one", () => {
    const both = [q("0.70"), q("0.82")];
    expect(conform(both[1]!, def("task_success"), { siblings: both })).toMatchObject({ ok: true, value: 82 });
    const mixed = [q("0.9"), q("85%")];
    expect(conform(mixed[0]!, def("task_success"), { siblings: mixed }).ok).toBe(false);
    expect(conform(mixed[1]!, def("task_success"), { siblings: mixed })).toMatchObject({ ok: true, value: 85 });
  });

  it("reads a retries label as attempts when every value is at least 1, as retries when every value is below 1", () => {
    const high = [q("1.9回"), q("1.4回")];
    expect(conform(high[0]!, def("attempts"), { siblings: high, retries: true })).toMatchObject({ ok: true, value: 1.9 });
    const low = [q("0.3回"), q("0.5回")];
    expect(conform(low[1]!, def("attempts"), { siblings: low, retries: true })).toMatchObject({ ok: true, value: 1.5 });
    const mixed = [q("0.8"), q("1.2")];
    expect(conform(mixed[1]!, def("attempts"), { siblings: mixed, retries: true }).ok).toBe(false);
  });
});

describe("unit hints from labels and headers", () => {
  it.each<[string, string, number, string]>([
    ["ms", "850", 0.85, "duration"],
    ["s", "2.4", 2.4, "duration"],
    ["%", "62.5", 62.5, "percent"],
    ["$/1M", "2.50", 2.5, "money"],
    ["$/1K", "0.002", 2, "money"],
    ["USD per 1M tokens", "0.15", 0.15, "money"],
    ["USD/100万トークン", "0.50", 0.5, "money"],
    ["円/100万トークン", "30", 30, "money"],
    ["M tokens", "300", 3e8, "tokens"],
    ["tok/s", "85", 85, "throughput"],
  ])("(%s) with %s → %d", (hint, cell, value, dimension) => {
    const h = readHint(hint);
    expect(h, hint).not.toBeNull();
    const r = withHint(q(cell), h);
    expect(r.value).toBeCloseTo(value, 9);
    expect(r.dimension).toBe(dimension);
  });

  it.each(["val", "5-shot", "internal", "2024", "社内評価"])("(%s) is not a unit", (hint) => {
    expect(readHint(hint)).toBeNull();
  });
});

describe("whole values from frontmatter and flags", () => {
  it.each<[unknown, number]>([
    ["100M", 1e8], ["50M", 5e7], ["1.5B", 1.5e9], ["2.5 billion", 2.5e9], ["50,000", 50000],
    ["8K tokens", 8000], ["100m", 1e8], ["1億", 1e8], [123, 123], [0, 0],
  ])("token count %j → %d", (input, tokens) => {
    expect(parseTokenCount(input)).toBe(tokens);
  });

  it.each<[unknown]>([["abc"], ["$5"], ["-5M"], ["50%"], [-1], [Number.NaN], [Infinity], [null], [undefined], [{}], ["1".repeat(65)], ["1e3"], ["0x10"], ["300M/day"], ["1–2M"]])(
    "%j is not a token count",
    (input) => {
      expect(parseTokenCount(input)).toBeNull();
    },
  );

  it.each<[unknown, number | null]>([
    ["$50,000", 50000], ["50000", 50000], [50000, 50000], ["1,200万円", 1.2e7],
    ["", null], ["$", null], [" , ", null], ["0x1F4", null], ["$800/month", null], [-5, null], ["5e5", null],
  ])("amount %j → %j", (input, value) => {
    expect(parseAmount(input)).toBe(value);
  });
});
