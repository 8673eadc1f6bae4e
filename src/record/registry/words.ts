/**
 * Words of labels that are not metric names: the concepts a label can name besides a metric
 * (usage, self-hosting, cost), and the qualifiers that change what it means (old or new, a
 * target rather than a measurement, a change rather than a level). Data, one row per form.
 */

export type Concept = "usage" | "capex" | "opex" | "gpus" | "break_even" | "payback" | "capacity" | "cost" | "saving" | "total";

export const CONCEPTS: ReadonlyArray<readonly [Concept, readonly string[]]> = [
  ["usage", ["usage", "monthly usage", "token usage", "traffic", "volume", "token volume", "load", "consumption", "workload",
    "tokens processed", "monthly tokens", "使用量", "利用量", "月次使用量", "月間使用量", "実績", "処理量", "消費量", "トークン数",
    "月間トークン", "利用実績", "トラフィック", "トークン量"]],
  ["capex", ["capex", "capital expenditure", "initial investment", "initial cost", "up front cost", "upfront cost", "one time cost",
    "hardware purchase", "hardware cost", "purchase cost", "purchase", "setup cost", "初期投資", "初期費用", "初期コスト",
    "導入費用", "導入コスト", "導入費", "購入費", "購入費用", "設備投資", "ハードウェア費用", "機材費", "ハードウェア購入"]],
  ["opex", ["opex", "operating cost", "operating costs", "operating expense", "operating expenses", "operations cost", "running cost",
    "running costs", "run cost", "hosting cost", "maintenance", "ops", "運用費", "運用コスト", "運用費用", "維持費", "ランニングコスト",
    "保守費", "電気代", "インフラ費", "運用", "rental", "gpu rental", "rent", "lease", "レンタル代", "レンタル費", "レンタル料", "gpuレンタル代"]],
  ["gpus", ["gpus", "gpu", "gpu count", "gpus required", "gpu requirements", "gpu requirement", "hardware", "gpu必要数", "必要gpu",
    "gpu数", "必要gpu数", "gpu構成", "構成"]],
  ["break_even", ["break even", "breakeven", "break even point", "break even volume", "損益分岐点", "損益分岐"]],
  ["payback", ["payback", "payback period", "回収期間", "投資回収期間", "投資回収"]],
  ["capacity", ["capacity", "capacity tokens per month", "処理能力", "キャパシティ"]],
  ["cost", ["cost", "costs", "bill", "spend", "spending", "monthly cost", "api cost", "total cost", "コスト", "費用", "月額コスト",
    "請求額", "利用料", "コスト試算", "月額費用"]],
  ["saving", ["savings", "saving", "削減額", "節約", "削減効果", "コスト削減", "差額", "difference in cost", "cost difference"]],
  ["total", ["total", "合計", "総額"]],
];

export type Role = "old" | "new";

/** Words in a label, header or note that mean the old or the new model. */
export const ROLE_WORDS: ReadonlyArray<readonly [string, Role]> = [
  ["old", "old"], ["before", "old"], ["previous", "old"], ["prev", "old"], ["current", "old"], ["existing", "old"], ["baseline", "old"],
  ["legacy", "old"], ["incumbent", "old"], ["status quo", "old"], ["today", "old"], ["旧", "old"], ["旧モデル", "old"], ["現行", "old"],
  ["現行モデル", "old"], ["移行前", "old"], ["従来", "old"], ["従来モデル", "old"], ["現在", "old"], ["変更前", "old"],
  ["new", "new"], ["after", "new"], ["candidate", "new"], ["proposed", "new"], ["新", "new"],
  ["新モデル", "new"], ["移行後", "new"], ["候補", "new"], ["変更後", "new"], ["導入後", "new"],
];

/** A label naming a target, a threshold or a forecast: what it carries is not a measurement. */
export const TARGET_WORDS: readonly string[] = [
  "target", "targets", "goal", "goals", "objective", "sla", "slo", "threshold", "budget", "limit", "cap", "requirement",
  "requirements", "criteria", "criterion", "forecast", "prediction", "guardrail", "driver", "drivers",
  "目標", "基準", "閾値", "しきい値", "上限", "下限", "予算", "条件", "要件", "予測", "見込み", "判定基準", "合格ライン",
];

/** A label naming a change rather than a level: `リトライ回数削減`, `MMLU improvement`. */
export const CHANGE_WORDS: readonly string[] = [
  "reduction", "improvement", "change", "delta", "increase", "decrease", "gain", "drop", "uplift", "diff", "difference",
  "削減", "改善", "向上", "低下", "変化", "増加", "減少", "拡張", "拡大", "短縮", "増", "減", "差", "差分", "変化率",
];

/** A label qualified "per task", "1件あたり": the figure is per that unit (harmless for attempts). */
export const PER_LABEL: RegExp = /\b(?:per|each|every)\s+(task|ticket|request|conversation|document|query|call|item|job|session|chat|message|page|image)s?\b|(?:1件|1リクエスト|1回|1タスク|1チケット|1会話|1文書)あたり/;

/**
 * Verbs that state a change in points of a named metric: before the figure in English (`loses 8.8
 * points on SWE-bench`), after it in Japanese (`8.8ポイント低下`). `up` and `down` say the sign;
 * `better` and `worse` say it by the metric's direction (a hallucination rate that worsens rises).
 */
export type ChangeWay = "up" | "down" | "better" | "worse";
export const CHANGE_VERBS_BEFORE: ReadonlyArray<readonly [string, ChangeWay]> = [
  ["loses", "down"], ["lost", "down"], ["lose", "down"], ["drops", "down"], ["dropped", "down"], ["falls", "down"], ["fell", "down"],
  ["is down", "down"], ["was down", "down"], ["trails", "worse"], ["trailed", "worse"], ["regresses", "worse"], ["regressed", "worse"],
  ["worse by", "worse"], ["behind by", "worse"],
  ["gains", "up"], ["gained", "up"], ["adds", "up"], ["added", "up"], ["is up", "up"], ["was up", "up"], ["rises", "up"], ["rose", "up"],
  ["improves", "better"], ["improved", "better"], ["better by", "better"], ["ahead by", "better"], ["leads by", "better"],
];
export const CHANGE_VERBS_AFTER: ReadonlyArray<readonly [string, ChangeWay]> = [
  ["低下", "down"], ["減少", "down"], ["下落", "down"], ["ダウン", "down"], ["上昇", "up"], ["増加", "up"], ["アップ", "up"],
  ["悪化", "worse"], ["改善", "better"], ["向上", "better"],
];

/** Prompts that work as they are: `46 of 50 prompts ran without changes`, `そのまま動いた`. */
export const PROMPTS_WORK = /prompts?|プロンプト|テンプレート|templates?/i;
export const PROMPTS_FAIL = /\bfail|broke|broken|needed|need(?:ed)? (?:changes|edits)|required|rewrit|修正が必要|失敗|動作しな|崩れ/i;
export const PROMPTS_OK = /pass|work|ran|unchanged|reused|without (?:changes|edits)|as[- ]is|compatible|そのまま|正常|互換|問題なく|動作|動いた/i;
