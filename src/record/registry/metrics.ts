/**
 * The metric registry: every metric migrate-eval understands is one row — its key, display
 * name, the labels records use for it (Japanese and English), what it measures, its plausible
 * range and which direction is better. Adding a metric or an alias is one row here, or one entry
 * in a policy file's `metrics:`.
 */
import type { CountUnit, Stat } from "../quantity/lexicon.js";

/** What a metric's value measures, which decides the figures it accepts. */
export type MetricKind =
  | "percent" | "score" | "attempts" | "price" | "unit_price" | "money" | "seconds" | "tokens" | "params" | "throughput" | "number";

export type Direction = "higher" | "lower" | "neutral";

export interface MetricDef {
  key: string;
  name: string;
  /** Labels that name it, matched as whole words after normalisation; the longest wins. */
  aliases: readonly string[];
  kind: MetricKind;
  /** A score's maximum (5 for quality, 10 for MT-Bench). */
  scale?: number;
  /** A unit price's unit (`price_image`: per image). */
  per?: CountUnit;
  /** Which side of a token price. */
  side?: "input" | "output";
  /** Which statistic of a latency. */
  stat?: Stat;
  /** Metrics told apart by a qualifier of one shared label (`Latency (p95)`, `API price (Input)`). */
  family?: "price" | "latency";
  direction: Direction;
  /** Plausible values, in the kept unit (prices in USD per 1M tokens or USD equivalent). */
  range: readonly [number, number];
  /** The smallest plausible value other than zero: a price per 1M below it was read per 1K or per token. */
  floor?: number;
  /** Number of items in the public benchmark, for the noise interval. */
  items?: number;
  /** Part of `benchmarks.mean` (percentage benchmarks only). */
  benchmark?: boolean;
  /** A benchmark's name is exact: `MMLU-Japanese` is another benchmark, not MMLU. */
  strict?: boolean;
}

const PCT: readonly [number, number] = [0, 100];

const bench = (key: string, name: string, items: number | undefined, aliases: string[]): MetricDef => ({
  key, name, aliases: [name, ...aliases], kind: "percent", direction: "higher", range: PCT,
  ...(items === undefined ? {} : { items }), benchmark: true, strict: true,
});

export const METRICS: readonly MetricDef[] = [
  bench("mmlu", "MMLU", 14042, ["mmlu精度"]),
  bench("mmlu_pro", "MMLU-Pro", 12032, ["mmlu pro"]),
  bench("humaneval", "HumanEval", 164, ["human eval", "humaneval精度"]),
  bench("humaneval_plus", "HumanEval+", 164, ["humaneval plus", "humaneval+精度"]),
  bench("mbpp", "MBPP", 500, ["mbpp精度"]),
  bench("gsm8k", "GSM8K", 1319, ["gsm 8k", "gsm8k精度"]),
  bench("math", "MATH", 5000, ["math benchmark", "math 500"]),
  bench("hellaswag", "HellaSwag", 10042, ["hella swag"]),
  bench("arc_challenge", "ARC-Challenge", 1172, ["arc challenge", "arc c", "arc"]),
  bench("truthfulqa", "TruthfulQA", 817, ["truthful qa"]),
  bench("gpqa", "GPQA Diamond", 198, ["gpqa", "gpqa diamond"]),
  bench("mmmu", "MMMU", 900, []),
  bench("mathvista", "MathVista", 1000, ["math vista"]),
  bench("chartqa", "ChartQA", 2500, ["chart qa"]),
  // DocVQA and DROP are scored by ANLS and F1, not proportions: no binomial noise interval.
  bench("docvqa", "DocVQA", undefined, ["doc vqa"]),
  bench("bbh", "BBH", 6511, ["big bench hard", "bigbench hard", "big-bench hard"]),
  bench("drop", "DROP", undefined, []),
  bench("winogrande", "WinoGrande", 1267, ["wino grande"]),
  bench("ifeval", "IFEval", 541, ["if eval"]),
  bench("swe_bench_verified", "SWE-bench Verified", 500, ["swe bench verified", "swebench verified"]),
  bench("livecodebench", "LiveCodeBench", undefined, ["live code bench", "lcb"]),
  bench("aime", "AIME", 30, ["aime 2024", "aime 2025", "aime24", "aime25"]),
  {
    key: "mt_bench", name: "MT-Bench", aliases: ["MT-Bench", "mt bench", "mtbench"], kind: "score", scale: 10,
    direction: "higher", range: [0, 10], strict: true,
  },
  {
    key: "task_success", name: "Task success rate",
    aliases: ["task success rate", "task success", "success rate", "task completion rate", "resolution rate", "タスク成功率", "成功率", "タスク達成率", "タスク完了率", "解決率"],
    kind: "percent", direction: "higher", range: PCT,
  },
  {
    key: "quality_score", name: "Response quality",
    aliases: ["response quality", "quality score", "answer quality", "output quality", "user satisfaction", "csat", "satisfaction", "quality", "rating", "ratings",
      "応答品質", "回答品質", "品質スコア", "品質", "ユーザー満足度", "満足度", "要約品質", "出力品質"],
    kind: "score", scale: 5, direction: "higher", range: [0, 5],
  },
  {
    key: "hallucination_rate", name: "Hallucination rate",
    aliases: ["hallucination rate", "hallucination", "halluc", "hallucinations", "hallucinated", "made up", "fabricated", "fabrication", "ハルシネーション率", "ハルシネーション発生率", "ハルシネーション", "幻覚率", "捏造"],
    kind: "percent", direction: "lower", range: PCT,
  },
  {
    key: "error_rate", name: "Error rate",
    aliases: ["error rate", "failure rate", "エラー率", "エラー発生率", "失敗率"],
    kind: "percent", direction: "lower", range: PCT,
  },
  {
    key: "prompt_compat", name: "Prompt compatibility",
    aliases: ["prompt compatibility", "prompt compat", "compatibility", "プロンプト互換性", "互換性", "互換率"],
    kind: "percent", direction: "higher", range: PCT,
  },
  {
    key: "attempts", name: "Attempts per task",
    aliases: ["attempts per task", "attempts", "average attempts", "tries", "retries", "retry count", "retry rate",
      "試行回数", "平均試行回数", "平均試行", "試行数", "リトライ回数", "リトライ数", "再試行回数"],
    kind: "attempts", direction: "lower", range: [1, 100],
  },
  {
    key: "price_input", name: "Input price", aliases: [], kind: "price", side: "input", family: "price",
    direction: "lower", range: [0, 2000], floor: 0.001,
  },
  {
    key: "price_output", name: "Output price", aliases: [], kind: "price", side: "output", family: "price",
    direction: "lower", range: [0, 2000], floor: 0.001,
  },
  // Not part of the cost: what a cache hit is billed, beside the input price.
  {
    key: "price_cached_input", name: "Cached input price", aliases: ["cached input", "cached input price", "cache read", "cache reads", "cache hit", "cache hits", "cached tokens", "prompt caching", "キャッシュ入力", "キャッシュ入力単価"],
    kind: "price", direction: "lower", range: [0, 2000], floor: 0.001,
  },
  { key: "price_image", name: "Price per image", aliases: ["price per image", "image price", "画像単価"], kind: "unit_price", per: "image", direction: "lower", range: [0, 100] },
  { key: "price_request", name: "Price per request", aliases: ["price per request", "request price", "リクエスト単価"], kind: "unit_price", per: "request", direction: "lower", range: [0, 100] },
  { key: "price_page", name: "Price per page", aliases: ["price per page", "page price", "ページ単価"], kind: "unit_price", per: "page", direction: "lower", range: [0, 100] },
  { key: "price_audio_minute", name: "Price per audio minute", aliases: ["price per audio minute", "audio price", "音声単価"], kind: "unit_price", per: "audio_minute", direction: "lower", range: [0, 100] },
  { key: "latency_mean", name: "Mean latency", aliases: [], kind: "seconds", stat: "mean", family: "latency", direction: "lower", range: [0, 3600] },
  { key: "latency_p50", name: "Median latency", aliases: [], kind: "seconds", stat: "p50", family: "latency", direction: "lower", range: [0, 3600] },
  { key: "latency_p90", name: "p90 latency", aliases: [], kind: "seconds", stat: "p90", family: "latency", direction: "lower", range: [0, 3600] },
  { key: "latency_p95", name: "p95 latency", aliases: [], kind: "seconds", stat: "p95", family: "latency", direction: "lower", range: [0, 3600] },
  { key: "latency_p99", name: "p99 latency", aliases: [], kind: "seconds", stat: "p99", family: "latency", direction: "lower", range: [0, 3600] },
  {
    key: "ttft", name: "Time to first token",
    aliases: ["time to first token", "ttft", "first token latency", "first-token latency", "初回トークンまでの時間", "初トークン時間", "最初のトークンまで"],
    kind: "seconds", direction: "lower", range: [0, 600],
  },
  {
    key: "throughput", name: "Throughput",
    aliases: ["throughput", "tokens per second", "output speed", "generation speed", "スループット", "生成速度", "出力速度", "トークン生成速度"],
    kind: "throughput", direction: "higher", range: [0, 1e6],
  },
  {
    key: "context_window", name: "Context window",
    aliases: ["context window", "context length", "context size", "context", "ctx", "ctx window", "max context", "window", "token window", "コンテキストウィンドウ", "コンテキスト長", "コンテキスト", "最大コンテキスト"],
    kind: "tokens", direction: "higher", range: [256, 1e8],
  },
  {
    key: "max_output", name: "Max output tokens",
    aliases: ["max output tokens", "max output", "maximum output", "output limit", "最大出力トークン", "最大出力"],
    kind: "tokens", direction: "higher", range: [16, 1e7],
  },
  {
    key: "params_total", name: "Model size",
    aliases: ["model size", "total parameters", "parameters", "parameter count", "params", "total params", "モデルサイズ", "総パラメータ数", "パラメータ数", "パラメータ"],
    kind: "params", direction: "neutral", range: [1e6, 1e14],
  },
  {
    key: "params_active", name: "Active parameters",
    aliases: ["active parameters", "active params", "activated parameters", "アクティブパラメータ", "アクティブパラメータ数"],
    kind: "params", direction: "neutral", range: [1e6, 1e14],
  },
];

/** Labels of a token price: the side (`Input`, `出力`) picks price_input or price_output. */
export const PRICE_ALIASES: readonly string[] = [
  "price", "pricing", "prices", "api price", "api pricing", "list price", "token price", "unit price", "rate card",
  "cost per 1m tokens", "cost per million tokens", "price per 1m tokens", "price per million tokens",
  "価格", "料金", "単価", "api価格", "api料金", "トークン単価", "利用料金",
];

/** Labels of a latency: the statistic (`平均`, `p95`, `median`) picks the metric; none means mean. */
export const LATENCY_ALIASES: readonly string[] = [
  "latency", "response time", "inference speed", "inference time", "inference latency", "generation time", "end to end latency",
  "e2e latency", "processing time", "time per request", "time per document", "request latency", "response latency", "speed",
  "レイテンシ", "レイテンシー", "応答時間", "応答速度", "推論速度", "推論時間", "生成時間", "処理時間", "速度", "遅延",
];

/**
 * Words that qualify a benchmark's name without making it another benchmark (`MMLU accuracy`,
 * `HumanEval pass@1`, `MMLU 5-shot`).
 */
export const BENCHMARK_QUALIFIERS: readonly RegExp[] = [
  /^(?:accuracy|acc|score|scores|result|results|benchmark|bench|eval|evaluation|overall|total|avg|average|mean|val|validation|test|dev)$/,
  /^(?:pass@\d+|pass|\d+ ?shot|zero ?shot|few ?shot|one ?shot|shot|cot|maj@\d+|em|exact|match|verified)$/,
  /^(?:精度|正答率|正解率|スコア|得点|結果|ベンチマーク|平均|ベンチ|評価|測定|実測|再測定|計測|再評価|社内評価|公式|公称)$/,
  /^(?:measured|remeasured|re-run|rerun|reported|official|published|ours|internal)$/,
  // A release of the benchmark (`LiveCodeBench v5`, `AIME 2024`): the same benchmark's key.
  /^v\d+(?:\.\d+)?$/,
];
