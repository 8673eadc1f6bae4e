/** Labels matched by meaning: normalised, qualifiers read off, the longest alias contained wins, ties refused. */
import { describe, expect, it } from "vitest";
import { defaultRegistry, fold, keyForLabel, readLabel, slugOf } from "../../src/record/registry/labels.js";
import { METRICS } from "../../src/record/registry/metrics.js";

const reg = defaultRegistry();
const meaning = (label: string) => {
  const m = reg.meaningOf(readLabel(label));
  return m.kind === "metric" ? m.metric.key : m.kind === "family" ? `family:${m.family}` : m.kind === "concept" ? `concept:${m.concept}` : m.kind;
};

describe("labels by meaning", () => {
  it.each([
    // benchmarks, written in many ways
    ["MMLU精度", "mmlu"], ["**MMLU**", "mmlu"], ["MMLU (5-shot)", "mmlu"], ["MMLU accuracy", "mmlu"], ["MMLU, from the model cards", "mmlu"],
    ["MMLU-Pro", "mmlu_pro"], ["HumanEval pass@1", "humaneval"], ["HumanEval+", "humaneval_plus"], ["Coding (HumanEval)", "humaneval"],
    ["MMMU", "mmmu"], ["MMMU（マルチモーダル）", "mmmu"], ["MMMU (val)", "mmmu"], ["SWE-bench Verified", "swe_bench_verified"],
    ["GPQA (diamond)", "gpqa"], ["GSM-8K", "gsm8k"], ["MT-Bench", "mt_bench"], ["BIG-Bench Hard", "bbh"], ["AIME 2024", "aime"],
    // task metrics, with notes and qualifiers
    ["タスク成功率", "task_success"], ["タスク成功率（サポート問い合わせ）", "task_success"], ["Task success (resolved w/o human)", "task_success"],
    ["Avg. attempts per ticket", "attempts"], ["Avg. attempts per conversation", "attempts"], ["平均試行回数（1件あたり）", "attempts"],
    ["リトライ回数削減", "attempts"], ["Retries per ticket", "attempts"], ["要約品質（社内5段階評価）", "quality_score"], ["CSAT", "quality_score"],
    ["Seller rating of the draft", "quality_score"], ["Hallucinated clauses", "hallucination_rate"], ["エラー率", "error_rate"],
    ["プロンプト互換性", "prompt_compat"], ["互換性", "prompt_compat"],
    // families: side and statistic decide
    ["API価格（Input）", "family:price"], ["Input price", "price_input"], ["Price (input)", "family:price"], ["SWE-bench (Verified)", "swe_bench_verified"], ["出力単価（USD/100万トークン）", "family:price"],
    ["推論速度", "family:latency"], ["Latency (p95)", "family:latency"], ["p95レイテンシ", "family:latency"],
    ["TTFT", "ttft"], ["Throughput (tok/s)", "throughput"], ["コンテキスト長", "context_window"], ["Context window", "context_window"],
    ["Model size", "params_total"], ["Active parameters", "params_active"],
    // concepts
    ["月次使用量", "concept:usage"], ["Traffic", "concept:usage"], ["Volume", "concept:usage"], ["実績（10月）", "concept:usage"],
    ["初期投資", "concept:capex"], ["Hardware purchase", "concept:capex"], ["導入費用", "concept:capex"], ["Up-front cost", "concept:capex"],
    ["月次運用コスト", "concept:opex"], ["年間運用費", "concept:opex"], ["Annual opex", "concept:opex"], ["GPU必要数", "concept:gpus"],
    ["損益分岐点", "concept:break_even"], ["Break-even", "concept:break_even"], ["コスト増", "concept:cost"], ["Cost reduction", "concept:cost"],
    ["コスト削減", "concept:saving"],
  ])("%j → %s", (label, expected) => {
    expect(meaning(label)).toBe(expected);
  });

  it.each(["JMMLU", "MMLU-Japanese", "ARC-Easy", "Vibes", "Escalation to human", "推論コスト適用タスク", ""])("%j names no registry metric", (label) => {
    expect(["unknown", "concept:cost"]).toContain(meaning(label));
  });

  it.each(["Hallucination rate / Error rate", "MMLU and GSM8K", "Task success rate and latency"])("%j names two metrics equally: a tie", (label) => {
    expect(meaning(label)).toBe("tie");
  });

  it("reads sides, statistics, roles, periods, targets and changes off a label", () => {
    expect(readLabel("API価格（Input）").sides).toEqual(["input"]);
    expect(readLabel("Latency p50/p95/p99 (ms)").stats).toEqual(["p50", "p95", "p99"]);
    expect(readLabel("Latency (ms)").hint?.value).toBeCloseTo(0.001, 12);
    expect(readLabel("Current error rate").role).toBe("old");
    expect(readLabel("新モデル").role).toBe("new");
    expect(readLabel("年間運用費").period).toBe("year");
    expect(readLabel("SLO").target).toBe(true);
    expect(readLabel("目標").target).toBe(true);
    expect(readLabel("コスト削減").change).toBe(true);
    expect(readLabel("Prompt compatibility").sides).toEqual([]);
  });
});

describe("keys of labels the registry does not know", () => {
  it.each([
    ["JMMLU", "jmmlu"], ["JMMLU (5-shot)", "jmmlu"], ["JMMLU（日本語）", "jmmlu"], ["JMMLU accuracy", "jmmlu"],
    ["Escalation to human", "escalation_to_human"], ["GPU必要数（FP16）", "gpu_必要数"], ["**Team Mood**", "team_mood"], ["", "unnamed"], ["***", "unnamed"],
  ])("%j → %j", (label, key) => {
    expect(keyForLabel(label)).toBe(key);
  });

  it("gives one benchmark written three ways one key", () => {
    expect(new Set(["MMMU", "MMMU（マルチモーダル）", "MMMU (val)"].map((l) => keyForLabel(l)))).toEqual(new Set(["mmmu"]));
  });

  it("never cuts a slug inside a character", () => {
    const slug = slugOf(readLabel("😀".repeat(100)));
    expect(slug).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect([...slug].length).toBeLessThanOrEqual(48);
  });
});

describe("the registry", () => {
  it("gives every row a unique key", () => {
    const keys = METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("never lets one alias name two metrics", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of METRICS) {
      for (const alias of [m.name, ...m.aliases]) {
        const other = owner.get(fold(alias));
        if (other !== undefined && other !== m.key) clashes.push(`${alias}: ${other} / ${m.key}`);
        owner.set(fold(alias), m.key);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each(METRICS.filter((m) => m.aliases.length).map((m) => [m.key, m] as const))("finds %s by its name and every alias", (key, m) => {
    for (const label of [m.name, ...m.aliases]) expect(meaning(label), label).toBe(key);
  });

  it("has every benchmark the issue names, each a percentage with its public size where it is a proportion", () => {
    const items = Object.fromEntries(METRICS.filter((m) => m.benchmark).map((m) => [m.key, m.items ?? null]));
    expect(items).toMatchObject({
      mmlu: 14042, humaneval: 164, gsm8k: 1319, hellaswag: 10042, mbpp: 500, arc_challenge: 1172, truthfulqa: 817, math: 5000, gpqa: 198,
      mmlu_pro: 12032, mmmu: 900, mathvista: 1000, chartqa: 2500, docvqa: null, bbh: 6511, drop: null, winogrande: 1267, ifeval: 541,
      swe_bench_verified: 500, livecodebench: null, aime: 30, humaneval_plus: 164,
    });
  });
});
