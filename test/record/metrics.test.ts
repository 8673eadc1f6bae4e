import { describe, expect, it } from "vitest";
import { BENCHMARK_KEYS, foldLabel, metricByKey, metricForLabel, METRICS, slugForLabel } from "../../src/record/metrics.js";

describe("metricForLabel", () => {
  it.each([
    ["MMLU精度", "mmlu"],
    ["**MMLU精度**", "mmlu"],
    ["MMLU", "mmlu"],
    ["HumanEval", "humaneval"],
    ["Coding (HumanEval)", "humaneval"],
    ["API価格（Input）", "price_input"],
    ["API価格（Output）", "price_output"],
    ["Price per 1M input tokens", "price_input"],
    ["推論速度", "latency_mean"],
    ["Inference speed", "latency_mean"],
    ["リトライ回数削減", "attempts"],
    ["Average attempts", "attempts"],
    ["タスク成功率", "task_success"],
    ["Task success rate", "task_success"],
    ["応答品質", "quality_score"],
    ["ハルシネーション率", "hallucination_rate"],
    ["エラー率", "error_rate"],
    ["プロンプト互換性", "prompt_compat"],
    ["コンテキストウィンドウ", "context_window"],
    ["コンテキストウィンドウ拡張", "context_window"],
    ["Latency (p95)", "latency_p95"],
    ["95パーセンタイル", "latency_p95"],
    ["モデルサイズ", "params_total"],
    ["アクティブパラメータ", "params_active"],
  ])("%s → %s", (label, key) => {
    expect(metricForLabel(label)?.key).toBe(key);
  });

  it.each(["推論コスト", "GPU必要数（FP16）", "適用タスク", "Vibes", ""])("%j is not in the registry", (label) => {
    expect(metricForLabel(label)).toBeUndefined();
  });
});

describe("slugForLabel", () => {
  it.each([
    ["Vibes", "vibes"],
    ["**Team Mood**", "team_mood"],
    ["GPU必要数（FP16）", "gpu必要数_fp16"],
    ["推論コスト", "推論コスト"],
    ["  -- Cost / Quality! --  ", "cost_quality"],
    ["", "unnamed"],
    ["***", "unnamed"],
  ])("%j → %j", (label, slug) => {
    expect(slugForLabel(label)).toBe(slug);
  });

  it("is at most 64 characters", () => {
    expect(slugForLabel("a".repeat(500))).toHaveLength(64);
  });
});

describe("the registry", () => {
  it("gives every row a unique key", () => {
    const keys = METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("never lets one label name two metrics", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of METRICS) {
      for (const alias of [m.key, m.name, ...m.aliases]) {
        const folded = foldLabel(alias);
        const other = owner.get(folded);
        if (other !== undefined && other !== m.key) clashes.push(`${alias}: ${other} / ${m.key}`);
        owner.set(folded, m.key);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each(METRICS.map((m) => [m.key, m] as const))("finds %s by its key, name and every alias", (key, m) => {
    for (const label of [m.key, m.name, ...m.aliases]) expect(metricForLabel(label)?.key, label).toBe(key);
    expect(metricByKey(key)).toBe(m);
  });

  it("has the metrics SPEC 1.3 requires, with their unit and direction", () => {
    const row = (key: string) => {
      const m = metricByKey(key);
      return m && [m.unit, m.direction];
    };
    expect(row("task_success")).toEqual(["percent", "higher"]);
    expect(row("quality_score")).toEqual(["score", "higher"]);
    expect(row("hallucination_rate")).toEqual(["percent", "lower"]);
    expect(row("error_rate")).toEqual(["percent", "lower"]);
    expect(row("prompt_compat")).toEqual(["percent", "higher"]);
    expect(row("attempts")).toEqual(["attempts", "lower"]);
    expect(row("price_input")).toEqual(["usd_per_mtok", "lower"]);
    expect(row("latency_p95")).toEqual(["seconds", "lower"]);
    expect(row("context_window")).toEqual(["tokens", "higher"]);
    expect(row("params_active")).toEqual(["params", "neutral"]);
  });

  it("lists the benchmarks with their public sizes", () => {
    expect(BENCHMARK_KEYS).toEqual(["mmlu", "humaneval", "gsm8k", "hellaswag", "mbpp", "arc_challenge", "truthfulqa", "math", "gpqa"]);
    const items = Object.fromEntries(METRICS.filter((m) => m.benchmark).map((m) => [m.key, m.items]));
    expect(items).toEqual({
      mmlu: 14042, humaneval: 164, gsm8k: 1319, hellaswag: 10042, mbpp: 500,
      arc_challenge: 1172, truthfulqa: 817, math: 5000, gpqa: 198,
    });
  });
});
