/**
 * Property tests: whatever text a pull request puts in a record or a policy, the readers return a
 * value (a record, or errors that each have a file, a code, a message and a line) and never
 * throw; and any record that loads evaluates to a report of plain finite numbers and a verdict.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { decodeRecord } from "../../src/record/load.js";
import { parseRecord, type LoadResult } from "../../src/record/parse.js";
import { parsePolicy } from "../../src/rules/parse-policy.js";
import { expectSaneReport, expectWellFormedErrors, nonFiniteNumbers, prototypePolluted } from "./shared.js";

/** Runs per property; raise it for a longer hunt: HOSTILE_RUNS=5000 npx vitest run test/hostile. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 300);
const FILE = "prop.md";
/** One input is small (≤ a few KB); anything near this is a super-linear blow-up. */
const PER_INPUT_MS = 1000;

/** The contract of parseRecord for one input; returns the report of an ok record. */
function checkRecord(text: string): void {
  const start = performance.now();
  let result: LoadResult;
  try {
    result = parseRecord(text, FILE);
  } catch (e) {
    throw new Error(`parseRecord threw on ${JSON.stringify(text.slice(0, 400))}: ${e instanceof Error ? e.stack : String(e)}`);
  }
  expect(performance.now() - start).toBeLessThan(PER_INPUT_MS);
  expect(typeof result.ok).toBe("boolean");
  if (!result.ok) {
    expectWellFormedErrors(result.errors);
    for (const e of result.errors) expect(e.file).toBe(FILE);
    return;
  }
  const { record } = result;
  expect(record.file).toBe(FILE);
  // The record itself is data too: no NaN or Infinity anywhere (sample sizes, values, claims).
  expect(nonFiniteNumbers(record)).toEqual([]);
  for (const w of record.warnings) {
    expect(typeof w.code).toBe("string");
    expect(w.line === null || (Number.isInteger(w.line) && w.line > 0)).toBe(true);
  }
  for (const m of record.models) {
    for (const v of Object.values(m.metrics)) expect(Number.isFinite(v.value)).toBe(true);
  }
  let report;
  try {
    report = evaluate(record);
  } catch (e) {
    throw new Error(`evaluate threw on ${JSON.stringify(text.slice(0, 400))}: ${e instanceof Error ? e.stack : String(e)}`);
  }
  expectSaneReport(report);
}

// ---------------------------------------------------------------------------------------------
// Grammars

const FRONTMATTER = "---\nid: PROP_1\ntitle: property\nold_model: Llama 3.1 8B\nnew_model: Qwen2.5 14B\n---\n";
const MODELS = ["Llama 3.1 8B", "Qwen2.5 14B", "GPT-3.5 Turbo", "Mixtral 8x7B", "Claude 3 Haiku", "A", "", "旧モデル", "new", "old"];
const LABELS = [
  "MMLU", "MMLU精度", "HumanEval", "GSM8K", "タスク成功率", "Task success rate", "応答品質", "ハルシネーション率",
  "エラー率", "Error rate", "プロンプト互換性", "リトライ回数", "Average attempts", "API価格（Input）", "API price (Output)",
  "推論速度", "Latency (p95)", "コンテキストウィンドウ", "モデルサイズ", "初期投資", "月次運用コスト", "損益分岐点", "GPU必要数",
  "コスト増", "コスト削減", "実質コスト増", "Cost reduction", "Cost increase", "Retry-adjusted", "月次", "annual", "Savings",
  "Monthly usage", "月次使用量", "Unknown thing", "**Bold label**", "x", "",
];
/** Figures as records write them, within what a double holds. */
const FINITE_NUMBERS = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => String(Math.round(n * 1000) / 1000)),
  fc.constantFrom("0", "0.0", "-0", "1,000", "1,00,0", "12,345.678", "9".repeat(30), ".5", "5.", "１２", "０.５"),
);
/** …and figures that overflow a double (a 401-digit number reads as Infinity). */
const NUMBERS = fc.oneof(FINITE_NUMBERS, fc.constant("1" + "0".repeat(400)));
const UNITS = fc.constantFrom(
  "", "%", "％", "pp", " points", "ポイント", "/1M tokens", "/1K tokens", " per 1M", "/5", "/10", "/100", "ms", " s", "秒", "ミリ秒",
  " tokens", "K", "M", "B", "K tokens", "B params", "回", " attempts", "倍", "x", "件",
);
const QUANTITY = fc
  .tuple(fc.constantFrom("", "", "約", "about ", "平均 ", "mean ", "p95 ", "95パーセンタイル ", "~"), fc.constantFrom("", "", "+", "-", "＋", "−", "$", "-$", "+$"), NUMBERS, UNITS)
  .map(([q, s, n, u]) => `${q}${s}${n}${u}`);
const CHANGE = fc.oneof(fc.constant(""), QUANTITY.map((q) => ` (${q})`), QUANTITY.map((q) => `（${q}）`), QUANTITY.map((q) => ` (+${q})`));
const LABEL = fc.oneof(fc.constantFrom(...LABELS), fc.string({ maxLength: 12 }));
const MODEL = fc.oneof(fc.constantFrom(...MODELS), fc.string({ maxLength: 10 }));
const ARROW = fc.constantFrom(" → ", "→", " -> ", " ⇒ ", " → → ", " ");
const JAPANESE = fc.constantFrom("件中", "件", "正常動作", "互換", "平均", "秒", "月次", "円", "：", "、", "（", "）", "約", "以上", "以下", "未満");

const LINE = fc.oneof(
  // label: A → B (change)
  fc.tuple(LABEL, QUANTITY, ARROW, QUANTITY, CHANGE).map(([l, a, arrow, b, c]) => `- ${l}: ${a}${arrow}${b}${c}`),
  // table rows
  fc.array(fc.oneof(QUANTITY, LABEL, MODEL, fc.constantFrom("n/a", "-", "?", "—")), { minLength: 1, maxLength: 6 }).map((cells) => `| ${cells.join(" | ")} |`),
  fc.integer({ min: 1, max: 6 }).map((n) => `|${"---|".repeat(n)}`),
  fc.array(fc.oneof(MODEL, fc.constantFrom("Metric", "項目", "変化", "Change", "Model", "モデル", "before", "after")), { minLength: 1, maxLength: 6 }).map((cells) => `| ${cells.join(" | ")} |`),
  // usage, prices, latency, compatibility, costs
  fc.tuple(fc.constantFrom("Monthly usage", "月次使用量", "usage"), QUANTITY, QUANTITY).map(([l, a, b]) => `${l}: ${a} Input tokens, ${b} Output tokens`),
  // FINITE_NUMBERS in the next four: an overflowing figure on a price, `$a + $b = $c` or
  // compatibility line makes parseRecord throw, or puts Infinity in the record (reported bugs:
  // priceLine / costBreakdownLine / compatLine in line-rules.ts).
  fc.tuple(MODEL, FINITE_NUMBERS, FINITE_NUMBERS, fc.constantFrom("M", "K")).map(([m, a, b, u]) => `- ${m}: $${a}/1${u} Input, $${b}/1${u} Output → 月次$${a}`),
  fc.tuple(MODEL, QUANTITY, QUANTITY).map(([m, a, b]) => `- ${m}: 平均 ${a}、95パーセンタイル ${b}`),
  fc.tuple(FINITE_NUMBERS, FINITE_NUMBERS).map(([n, k]) => `- ${n}件中${k}件正常動作`),
  fc.tuple(FINITE_NUMBERS, FINITE_NUMBERS).map(([k, n]) => `- ${k} of ${n} prompts passed`),
  fc.tuple(MODEL, FINITE_NUMBERS, FINITE_NUMBERS, FINITE_NUMBERS).map(([m, a, b, c]) => `- ${m}: $${a} + $${b} = $${c}`),
  fc.tuple(LABEL, QUANTITY, CHANGE).map(([l, q, c]) => `- ${l}: ${q}${c}`),
  fc.tuple(fc.constantFrom("コスト削減", "Cost increase", "実質コスト増", "Savings vs GPT-3.5 Turbo"), QUANTITY, CHANGE).map(([l, q, c]) => `- ${l}: ${q}${c}`),
  // headings, bullets, fragments, noise
  fc.tuple(fc.constantFrom("#", "##", "###"), LABEL).map(([h, l]) => `${h} ${l}`),
  fc.array(fc.oneof(JAPANESE, QUANTITY, LABEL, ARROW), { maxLength: 8 }).map((parts) => parts.join("")),
  fc.tuple(fc.constantFrom("  ", "    ", "> ", "1. ", "* "), LABEL, QUANTITY).map(([p, l, q]) => `${p}${l}: ${q}`),
  fc.constantFrom("", "", "---", "```", "|", "||", "<!--", "**", "n=500", "vs Mixtral 8x7B"),
  fc.string({ maxLength: 40 }),
);
const BODY = fc.tuple(fc.array(LINE, { maxLength: 40 }), fc.constantFrom("\n", "\r\n", "\r")).map(([lines, eol]) => lines.join(eol) + eol);

/** YAML-ish values: scalars of every core type and some that are not, anchors, tags, nesting. */
const YAML_SCALAR = fc.oneof(
  NUMBERS,
  fc.constantFrom(
    "1e400", "-1e400", ".inf", "-.inf", ".nan", "~", "null", "true", "false", "yes", "0x1F", "0o17", "1_000", "2024-10-14",
    "2024-13-45", '"2024-10-14"', "''", '""', "'quoted'", '"dq \\u0000"', "|\n  block", ">\n  folded", "!!str 5", "!!int x",
    "!!js/function 'f'", "!!python/object:os.system x", "!custom x", "&a 1", "*a", "*undefined", "<<", "100M", "2.5B", "$1,000",
    "[]", "{}", "[1, [2, [3]]]", "{ old: 1, new: 2 }", "{ old: 1e400 }", "{ input_tokens: 100M, output_tokens: 50M }",
  ),
  fc.string({ maxLength: 16 }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 16 }),
);
const YAML_KEY = fc.oneof(
  fc.constantFrom(
    "id", "title", "old_model", "new_model", "update_date", "provider", "tags", "tier", "outcome", "metrics", "usage", "self_host",
    "alternatives", "__proto__", "constructor", "prototype", "mmlu", "price_input", "old", "new", "model", "capex", "opex_per_month",
    "gpus", "break_even_tokens", "input_tokens", "output_tokens", "<<", "? complex", "'quoted key'", "a: b",
  ),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const { yamlValue } = fc.letrec<{ yamlValue: string }>((tie) => ({
  yamlValue: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    YAML_SCALAR,
    fc.array(tie("yamlValue"), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
    fc.array(fc.tuple(YAML_KEY, tie("yamlValue")), { maxLength: 4 }).map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")} }`),
  ),
}));
const YAML_BLOCK = fc
  .array(
    fc.oneof(
      fc.tuple(YAML_KEY, yamlValue).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(YAML_KEY, fc.array(fc.tuple(YAML_KEY, yamlValue), { maxLength: 4 })).map(([k, kids]) => `${k}:\n${kids.map(([ck, cv]) => `  ${ck}: ${cv}`).join("\n")}`),
      fc.tuple(YAML_KEY, fc.array(yamlValue, { maxLength: 4 })).map(([k, items]) => `${k}:\n${items.map((v) => `  - ${v}`).join("\n")}`),
      fc.constantFrom("key: &x [*x]", "key: &x {self: *x}", "- a", "  bad indent: 1", "\t tab: 1", "# comment", "...", "%YAML 1.1", "---", "? key", ": value", "&anchor", "key: &x [1]\nother: [*x, *x]", "a: &y 1\nb: [*y, *y]"),
    ),
    { maxLength: 12 },
  )
  .map((lines) => lines.join("\n"));
/** Frontmatter that usually has the required keys (so validation and the body run), then noise. */
const REQUIRED = fc
  .tuple(
    fc.oneof(fc.constant("PROP_2"), yamlValue),
    fc.oneof(fc.constant("t"), yamlValue),
    fc.oneof(fc.constantFrom(...MODELS.filter(Boolean)), yamlValue),
    fc.oneof(fc.constantFrom(...MODELS.filter(Boolean)), yamlValue),
  )
  .map(([id, title, o, n]) => `id: ${id}\ntitle: ${title}\nold_model: ${o}\nnew_model: ${n}\n`);

// ---------------------------------------------------------------------------------------------

describe("parseRecord never throws, whatever the text", () => {
  it("arbitrary strings (any UTF-16, lone surrogates included), with and without a valid frontmatter", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.string({ unit: "binary", maxLength: 1500 }), (withFront, s) => checkRecord(withFront ? FRONTMATTER + s : s)),
      { numRuns: RUNS },
    );
  });

  it("markdown-ish bodies: table rows, bullets, arrows, numbers with units, Japanese fragments", () => {
    fc.assert(fc.property(BODY, (body) => checkRecord(FRONTMATTER + body)), { numRuns: Math.round(RUNS * 1.5) });
  });

  it("YAML-ish frontmatter: every core scalar, tags, anchors, aliases, flow and block nesting, hostile keys", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("---", "---yaml", "--- yml", "---js", "---\t", "----"),
        fc.oneof(REQUIRED, fc.constant("")),
        YAML_BLOCK,
        fc.constantFrom("---", "---  ", "...", ""),
        BODY,
        (open, required, extra, close, body) => checkRecord(`${open}\n${required}${extra}\n${close}\n${body}`),
      ),
      { numRuns: RUNS },
    );
    expect(prototypePolluted()).toEqual([]);
  });

  it("arbitrary bytes decoded as UTF-8, as loadRecord decodes them, and leniently with U+FFFD", () => {
    const encoder = new TextEncoder();
    const front = encoder.encode(FRONTMATTER);
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 1500 }), (withFront, raw) => {
        const bytes = withFront ? new Uint8Array([...front, ...raw]) : raw;
        const decoded = decodeRecord(bytes, FILE);
        if (typeof decoded === "string") checkRecord(decoded);
        else if (!decoded.ok) {
          expectWellFormedErrors(decoded.errors);
          expect(["file-empty", "file-binary", "invalid-utf8"]).toContain(decoded.errors[0]!.code);
        }
        checkRecord(new TextDecoder("utf-8").decode(bytes));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("evaluate on any record that loads", () => {
  /** Structured frontmatter with arbitrary numbers: zeros, negatives, tiny and huge values. */
  const NUM = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 1, 100, 1e-300, 5e-324, 1e15, 1e300, 1.7976931348623157e308, -1),
  );
  const METRIC = fc.constantFrom(
    "mmlu", "humaneval", "task_success", "quality_score", "hallucination_rate", "error_rate", "prompt_compat", "attempts",
    "price_input", "price_output", "latency_mean", "latency_p95", "context_window", "params_total", "something_else",
  );
  const STRUCTURED = fc
    .record({
      metrics: fc.dictionary(METRIC, fc.record({ old: NUM, new: NUM }, { requiredKeys: [] }), { maxKeys: 10 }),
      usage: fc.option(fc.record({ input_tokens: fc.oneof(NUM, fc.constantFrom("100M", "0", "1B")), output_tokens: fc.oneof(NUM, fc.constantFrom("50M", "0")) })),
      self_host: fc.option(fc.record({ capex: NUM, opex_per_month: NUM, break_even_tokens: NUM }, { requiredKeys: [] })),
    })
    .map(({ metrics, usage, self_host }) => {
      const lines = ["---", "id: PROP_EVAL", "title: t", "old_model: A", "new_model: B", `metrics: ${JSON.stringify(metrics)}`];
      if (usage) lines.push(`usage: ${JSON.stringify(usage)}`);
      if (self_host) lines.push(`self_host: ${JSON.stringify(self_host)}`);
      return `${lines.join("\n")}\n---\n`;
    });

  it("structured metrics, usage and self-hosting with arbitrary numbers: no NaN or Infinity, a real verdict", () => {
    fc.assert(fc.property(STRUCTURED, BODY, (front, body) => checkRecord(front + body)), { numRuns: RUNS });
  });

  it("with arbitrary usage and policy knobs (max_attempts, amortization) as options", () => {
    const USAGE = fc.option(fc.record({ inputTokens: fc.oneof(NUM.map(Math.abs), fc.constant(0)), outputTokens: fc.oneof(NUM.map(Math.abs), fc.constant(0)) }));
    fc.assert(
      fc.property(STRUCTURED, BODY, USAGE, fc.integer({ min: 1, max: 100 }), fc.option(fc.integer({ min: 1, max: 100 })), (front, body, usage, months, maxAttempts) => {
        const result = parseRecord(front + body, FILE);
        if (!result.ok) return;
        const policyText = `version: 1\namortization_months: ${months}\nmax_attempts: ${maxAttempts ?? "null"}\nrules:\n  - { id: cost, metric: cost.retry_adjusted, change_pct: { max: -20 } }\n  - { id: q, metric: benchmarks.mean, change_pp: { min: 5 } }\n  - { id: s, metric: cost.monthly, change_abs: { max: 0 }, severity: warning }\n`;
        const policy = parsePolicy(policyText);
        expect(policy.ok, JSON.stringify(policy.ok ? null : policy.errors)).toBe(true);
        if (!policy.ok) return;
        // Usage beyond what `--usage` accepts (10^15 tokens a month) is refused by the library too.
        const wild = usage !== null && [usage.inputTokens, usage.outputTokens].some((n) => !Number.isFinite(n) || n > 1e15);
        if (wild) {
          expect(() => evaluate(result.record, { usage, policy: policy.policy })).toThrow(TypeError);
          return;
        }
        const report = evaluate(result.record, { usage, policy: policy.policy });
        expect(nonFiniteNumbers(report)).toEqual([]);
        expect(["MIGRATE", "HOLD"]).toContain(report.verdict);
      }),
      { numRuns: Math.round(RUNS * 0.7) },
    );
  });
});

describe("parsePolicy never throws", () => {
  const CONDITION = fc.constantFrom("change_pct", "change_pp", "change_abs", "candidate", "baseline", "chnage_pct");
  const RULE = fc
    .tuple(
      fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("cost", "q", "__proto__", "constructor")),
      fc.constantFrom("cost.retry_adjusted", "cost.monthly", "benchmarks.mean", "task_success", "mmlu", "nope", ""),
      CONDITION,
      fc.oneof(yamlValue, NUMBERS.map((n) => `{ min: ${n} }`), NUMBERS.map((n) => `{ max: ${n} }`), fc.constant("{ min: 5, max: 1 }")),
      fc.constantFrom("", "severity: warning", "severity: required", "severity: fatal", "significant: true", "any: []", "any: [{ metric: mmlu, change_pp: { min: 1 } }]"),
    )
    .map(([id, metric, cond, bounds, extra]) => `  - { id: ${JSON.stringify(id)}, metric: ${metric}, ${cond}: ${bounds}${extra ? `, ${extra}` : ""} }`);
  const POLICY = fc
    .tuple(
      fc.constantFrom("version: 1", "version: 2", "version: '1'", "", "version: 1e400"),
      fc.constantFrom("", "usage: { input_tokens: 100M, output_tokens: 50M }", "usage: { input_tokens: -1, output_tokens: x }", "amortization_months: 0", "amortization_months: 1e400", "max_attempts: 0", "max_attempts: 5", "unknown_key: 1"),
      fc.array(RULE, { maxLength: 6 }),
      YAML_BLOCK,
    )
    .map(([version, knob, rules, noise]) => `${version}\n${knob}\nrules:\n${rules.join("\n")}\n${noise}\n`);

  function checkPolicy(text: string): void {
    let result;
    try {
      result = parsePolicy(text, "policy.yaml");
    } catch (e) {
      throw new Error(`parsePolicy threw on ${JSON.stringify(text.slice(0, 400))}: ${e instanceof Error ? e.stack : String(e)}`);
    }
    if (!result.ok) {
      expectWellFormedErrors(result.errors);
      for (const e of result.errors) expect(e.file).toBe("policy.yaml");
    } else {
      expect(result.policy.version).toBe(1);
      expect(nonFiniteNumbers(result.policy)).toEqual([]);
    }
  }

  it("policy-ish YAML: rules with every condition, bad bounds, unknown keys, hostile ids, noise", () => {
    fc.assert(fc.property(POLICY, checkPolicy), { numRuns: RUNS });
    expect(prototypePolluted()).toEqual([]);
  });

  it("arbitrary YAML-ish text and arbitrary strings", () => {
    fc.assert(fc.property(fc.oneof(YAML_BLOCK, fc.string({ unit: "binary", maxLength: 500 })), checkPolicy), { numRuns: RUNS });
  });
});
