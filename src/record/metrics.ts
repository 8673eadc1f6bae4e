/**
 * The metric registry. Every metric the tool understands is one row: its canonical key,
 * display name, the labels records use for it (Japanese and English), its unit and which
 * direction is better. Adding a metric or an alias is one edit here and nothing else.
 */

export type Unit =
  | "percent"
  | "score"
  | "attempts"
  | "usd_per_mtok"
  | "usd"
  | "seconds"
  | "tokens"
  | "params"
  | "number";

export type Direction = "higher" | "lower" | "neutral";

export interface MetricDef {
  key: string;
  name: string;
  aliases: readonly string[];
  unit: Unit;
  direction: Direction;
  /** Number of items in the public benchmark, used for the noise interval. */
  items?: number;
  /** Part of `benchmarks.mean`. */
  benchmark?: boolean;
}

const bench = (key: string, name: string, items: number, aliases: string[]): MetricDef => ({
  key,
  name,
  aliases: [name, ...aliases],
  unit: "percent",
  direction: "higher",
  items,
  benchmark: true,
});

export const METRICS: readonly MetricDef[] = [
  bench("mmlu", "MMLU", 14042, ["MMLU精度", "MMLU accuracy", "MMLU score", "MMLU (5-shot)"]),
  bench("humaneval", "HumanEval", 164, ["HumanEval精度", "HumanEval pass@1", "Coding (HumanEval)"]),
  bench("gsm8k", "GSM8K", 1319, ["GSM8K精度", "GSM-8K"]),
  bench("hellaswag", "HellaSwag", 10042, ["HellaSwag精度"]),
  bench("mbpp", "MBPP", 500, ["MBPP精度"]),
  bench("arc_challenge", "ARC-Challenge", 1172, ["ARC Challenge", "ARC-C", "ARC"]),
  bench("truthfulqa", "TruthfulQA", 817, ["Truthful QA"]),
  bench("math", "MATH", 5000, ["MATH benchmark"]),
  bench("gpqa", "GPQA Diamond", 198, ["GPQA"]),
  {
    key: "task_success",
    name: "Task success rate",
    aliases: ["タスク成功率", "タスク成功率測定", "成功率", "Task success rate", "Task success", "Success rate"],
    unit: "percent",
    direction: "higher",
  },
  {
    key: "quality_score",
    name: "Response quality",
    aliases: ["応答品質", "回答品質", "品質スコア", "ユーザー満足度", "Response quality", "Quality score", "Answer quality", "User satisfaction"],
    unit: "score",
    direction: "higher",
  },
  {
    key: "hallucination_rate",
    name: "Hallucination rate",
    aliases: ["ハルシネーション率", "幻覚率", "Hallucination rate", "Hallucinations"],
    unit: "percent",
    direction: "lower",
  },
  {
    key: "error_rate",
    name: "Error rate",
    aliases: ["エラー率", "Error rate", "Errors"],
    unit: "percent",
    direction: "lower",
  },
  {
    key: "prompt_compat",
    name: "Prompt compatibility",
    aliases: ["プロンプト互換性", "互換性", "Prompt compatibility", "Compatibility"],
    unit: "percent",
    direction: "higher",
  },
  {
    key: "attempts",
    name: "Attempts per task",
    aliases: ["リトライ回数", "平均試行回数", "試行回数", "Average attempts", "Attempts per task", "Attempts", "Retries", "Retry count"],
    unit: "attempts",
    direction: "lower",
  },
  {
    key: "price_input",
    name: "Input price",
    aliases: ["API価格（Input）", "API価格（入力）", "入力価格", "Input価格", "API price (Input)", "Input price", "Price (input)", "Price per 1M input tokens", "Input cost"],
    unit: "usd_per_mtok",
    direction: "lower",
  },
  {
    key: "price_output",
    name: "Output price",
    aliases: ["API価格（Output）", "API価格（出力）", "出力価格", "Output価格", "API price (Output)", "Output price", "Price (output)", "Price per 1M output tokens", "Output cost"],
    unit: "usd_per_mtok",
    direction: "lower",
  },
  {
    key: "latency_mean",
    name: "Mean latency",
    aliases: ["推論速度", "応答速度", "平均レイテンシ", "レイテンシ", "Inference speed", "Response time", "Latency", "Mean latency", "Latency (mean)", "Average latency"],
    unit: "seconds",
    direction: "lower",
  },
  {
    key: "latency_p95",
    name: "p95 latency",
    aliases: ["p95レイテンシ", "レイテンシ（p95）", "応答時間（p95）", "95パーセンタイル", "p95 latency", "Latency (p95)", "Latency p95", "p95"],
    unit: "seconds",
    direction: "lower",
  },
  {
    key: "context_window",
    name: "Context window",
    aliases: ["コンテキストウィンドウ", "コンテキスト長", "Context window", "Context length", "Context"],
    unit: "tokens",
    direction: "higher",
  },
  {
    key: "params_total",
    name: "Model size",
    aliases: ["モデルサイズ", "総パラメータ数", "パラメータ数", "Model size", "Total parameters", "Parameters"],
    unit: "params",
    direction: "neutral",
  },
  {
    key: "params_active",
    name: "Active parameters",
    aliases: ["アクティブパラメータ", "アクティブパラメータ数", "Active parameters", "Active params"],
    unit: "params",
    direction: "neutral",
  },
];

const FOLD_CACHE = new Map<string, string>();

/** Folds a label to its comparable form: NFKC, lower case, no bold, spaces or punctuation. */
export function foldLabel(label: string): string {
  const cached = FOLD_CACHE.get(label);
  if (cached !== undefined) return cached;
  const folded = label
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s*_`'"“”:：\-‐–—.,、。()[\]{}（）/]+/g, "");
  // Labels and model names repeat across the records of a batch; the cache is bounded.
  if (FOLD_CACHE.size >= 20_000) FOLD_CACHE.clear();
  FOLD_CACHE.set(label, folded);
  return folded;
}

const BY_KEY = new Map(METRICS.map((m) => [m.key, m]));
const BY_ALIAS = new Map<string, MetricDef>();
for (const m of METRICS) {
  for (const alias of [m.key, m.name, ...m.aliases]) {
    const folded = foldLabel(alias);
    if (!BY_ALIAS.has(folded)) BY_ALIAS.set(folded, m);
  }
}

/** Words that describe a change rather than name a metric (`リトライ回数削減` is still attempts). */
const CHANGE_SUFFIX = /(削減|改善|向上|低下|変化|増加|減少|拡張|拡大|reduction|improvement|change|delta|expansion|increase)$/u;
const PAREN = /[（(][^（）()]*[）)]/gu;

/** A label or model name without its notes in brackets: `Dense 47B（仮想）` → `Dense 47B`. */
export function withoutNotes(text: string): string {
  return text.replace(PAREN, "");
}

export function metricByKey(key: string): MetricDef | undefined {
  return BY_KEY.get(key);
}

function lookup(label: string): MetricDef | undefined {
  for (const candidate of [label, withoutNotes(label)]) {
    const folded = foldLabel(candidate);
    const hit = BY_ALIAS.get(folded) ?? BY_ALIAS.get(folded.replace(CHANGE_SUFFIX, ""));
    if (hit) return hit;
  }
  return undefined;
}

/** Labels repeat across a batch's records; folding them is the costly part, so remember. */
const LABEL_CACHE = new Map<string, MetricDef | null>();
const LABEL_CACHE_LIMIT = 20_000;

/** Finds the registry row a label names, trying the label as written, then without notes. */
export function metricForLabel(label: string): MetricDef | undefined {
  const cached = LABEL_CACHE.get(label);
  if (cached !== undefined) return cached ?? undefined;
  const hit = lookup(label);
  if (LABEL_CACHE.size >= LABEL_CACHE_LIMIT) LABEL_CACHE.clear();
  LABEL_CACHE.set(label, hit ?? null);
  return hit;
}

/** The key a label is kept under when the registry does not know it. */
export function slugForLabel(label: string): string {
  const slug = label
    .normalize("NFKC")
    .replace(/\*\*/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
  return slug === "" ? "unnamed" : slug;
}

export const BENCHMARK_KEYS: readonly string[] = METRICS.filter((m) => m.benchmark).map((m) => m.key);
