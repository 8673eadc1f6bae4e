/**
 * Record templates for `migrate-eval new`: every section the readers take figures from, with `—`
 * where a figure goes. As written they are valid records with no figures; filled in, each line is
 * read (test/e2e/new.test.ts fills one and checks).
 */
export const TEMPLATES = {
  en: `---
id: MODEL_UPDATE_001
title: "Old model → new model: what changes"
old_model: "Old model"
new_model: "New model"
update_date: "2026-01-01"
provider: "Provider"
tags: ["Model Update"]
outcome: pending
---

## Summary

| Metric | Old model | New model | Change |
|--------|-----------|-----------|--------|
| MMLU | — | — | |
| Task success rate | — | — | |
| Input price (per 1M tokens) | — | — | |
| Output price (per 1M tokens) | — | — | |
| Mean latency (s) | — | — | |
| p95 latency (s) | — | — | |
| Context window (tokens) | — | — | |

## Quality on our workload

- Task success rate: — → —
- Hallucination rate: — → —
- Average attempts per task: — → —
- Prompt compatibility (new model): — of — prompts work unchanged

## Cost

- Monthly usage: — input tokens, — output tokens
- Old model: $— a month
- New model: $— a month

## Self-hosting (leave out if not considered)

- Initial investment (capex): —
- Monthly operating cost (opex): —
- GPUs required: —

## Decision

Write here what was decided and why.
`,
  ja: `---
id: MODEL_UPDATE_001
title: "旧モデル → 新モデル 移行検討"
old_model: "旧モデル"
new_model: "新モデル"
update_date: "2026-01-01"
provider: "提供元"
tags: ["Model Update"]
outcome: pending
---

## モデル更新サマリー

| 項目 | 旧モデル | 新モデル | 変化 |
|------|---------|---------|------|
| MMLU | — | — | |
| タスク成功率 | — | — | |
| API価格（Input, 100万トークンあたり） | — | — | |
| API価格（Output, 100万トークンあたり） | — | — | |
| 平均応答時間（秒） | — | — | |
| p95レイテンシ（秒） | — | — | |
| コンテキスト長（トークン） | — | — | |

## 自社タスクでの品質

- タスク成功率: — → —
- ハルシネーション率: — → —
- 平均試行回数: — → —
- そのまま動いたプロンプト: —件中—件（新モデル）

## コスト

- 月次使用量: 入力 —トークン、出力 —トークン
- 旧モデル: 月額 $—
- 新モデル: 月額 $—

## セルフホスト（検討しない場合は削除）

- 初期投資: —
- 月次運用コスト: —
- GPU必要数: —

## 判断

判断とその理由をここに書く。
`,
} as const;

export type TemplateLang = keyof typeof TEMPLATES;
