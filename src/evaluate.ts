/**
 * evaluate: a loaded record and a policy in, the report `--format json` prints out.
 */
import { createHash } from "node:crypto";
import { analyze, type AnalyzeOptions } from "./calc/analyze.js";
import type { Fx } from "./calc/compare-cost.js";
import { registryFor } from "./rules/policy-registry.js";
import type { TokenUsage } from "./calc/cost.js";
import type { LoadedRecord } from "./record/schema.js";
import { MAX_TOKENS } from "./record/quantity/token-count.js";
import { defaultPolicy } from "./rules/default-policy.js";
import { evaluateRules } from "./rules/evaluate.js";
import { safeParse } from "zod/mini";
import { PolicySchema, type Policy, type PolicyInput } from "./rules/schema.js";
import { meaningless } from "./rules/parse-policy.js";
import { deepFreeze, isDeepFrozen } from "./rules/freeze.js";
import type { Report } from "./report/schema.js";
import { whatIf, type WhatIfOptions } from "./calc/whatif/index.js";
import type { Catalog } from "./prices/catalog.js";
import { pricePlan, withCatalogAge } from "./prices/evaluate.js";

export interface EvaluateOptions {
  /** Compare against this model of the record instead of `old_model`. */
  baseline?: string | null;
  /** USD per unit of each other currency (`{ JPY: 0.0067 }`); wins over the policy's `fx:`. */
  fx?: Fx;
  /** Tokens per month; wins over the record's usage and the policy's. */
  usage?: TokenUsage | null;
  policy?: PolicyInput;
  /** Where the policy came from, for the report (`migrate-eval.policy.yaml`); else `given in code`. */
  policySource?: string;
  /**
   * Also say what would flip the decision (`report.whatif`): crossovers, flip points and each
   * input moved by ±`swing` %. It evaluates the record many times, so only when asked.
   */
  whatif?: Pick<WhatIfOptions, "swing" | "capacityTokensPerMonth">;
  /**
   * The offline price catalog (`await loadCatalog()`): a `baseline` the record does not price is
   * priced from it, `prices: "catalog"` prices both sides from it, and the record's prices are
   * checked against it. Without it nothing is looked up.
   */
  catalog?: Catalog | null;
  /** `catalog`: old and new priced from the catalog instead of the record. Needs `catalog`. */
  prices?: "record" | "catalog";
  /** The day catalog prices are taken at (YYYY-MM-DD), from its price history; else `today`. */
  pricesAsOf?: string | null;
  /** Input tokens of one request, for prices that depend on request size. */
  requestTokens?: number | null;
  /** The day of the run (YYYY-MM-DD), for the catalog's age and today's prices; else the clock's. */
  today?: string;
}

const hashes = new WeakMap<object, string>();

/** What a report says of its policy; for summaries that speak for many reports. */
export function policyInfo(policy: PolicyInput, source: string): { source: string; sha256: string } {
  return { source, sha256: policyHash(checkedPolicy(policy)) };
}

/** A short hash of what a policy decides by, the same however its file is laid out. */
function policyHash(policy: Policy): string {
  const known = hashes.get(policy);
  if (known) return known;
  const hash = createHash("sha256").update(JSON.stringify(policy)).digest("hex").slice(0, 12);
  if (Object.isFrozen(policy)) hashes.set(policy, hash);
  return hash;
}

/**
 * Frozen policies already checked: a batch checks its policy once, not once per record. Only a
 * frozen policy is remembered, since any other could change between calls.
 */
const checked = new WeakMap<object, Policy>();

/** A policy built in code gets the checks a policy file gets; a wrong one is a thrown error. */
function checkedPolicy(policy: PolicyInput): Policy {
  const known = checked.get(policy);
  if (known) return known;
  const parsed = safeParse(PolicySchema, policy);
  const problem = parsed.success ? meaningless(parsed.data, () => null)[0] : undefined;
  if (problem) throw new TypeError(`invalid policy: ${problem.message.replace(/^policy: /, "")}`);
  if (parsed.success) {
    // Frozen all the way down: a policy frozen only at the top could have its rules changed. The
    // checked copy is frozen too, so its hash is made once.
    if (isDeepFrozen(policy)) checked.set(policy, deepFreeze(parsed.data));
    return parsed.data;
  }
  const first = parsed.error.issues[0];
  throw new TypeError(`invalid policy: ${first?.path.join(".") ?? ""}: ${first?.message ?? "invalid"}`);
}

/** Usage given in code gets the bounds `--usage` has: whole tokens a month, 0 to 10^15. */
function checkedUsage(usage: TokenUsage | null | undefined): TokenUsage | null {
  if (usage === null || usage === undefined) return null;
  for (const key of ["inputTokens", "outputTokens"] as const) {
    const n: unknown = (usage as unknown as Record<string, unknown>)?.[key];
    if (typeof n !== "number" || !Number.isFinite(n) || n < 0 || n > MAX_TOKENS) {
      throw new TypeError(`invalid usage: ${key} must be a number of tokens a month from 0 to ${MAX_TOKENS}, got ${typeof n === "number" ? n : typeof n}`);
    }
  }
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
}

/**
 * Throws BaselineError when `baseline` names no model of the record, and TypeError for a policy
 * that does not pass the policy schema or usage that is not a number of tokens (negative, NaN,
 * infinite, a string, beyond 10^15).
 */
export function evaluate(record: LoadedRecord, options: EvaluateOptions = {}): Report {
  // Only an absent policy means the default: `""`, `0` or `false` is a mistake, refused as one.
  const policy = options.policy === undefined || options.policy === null ? defaultPolicy : checkedPolicy(options.policy);
  const analyzeOptions: AnalyzeOptions = {
    baseline: options.baseline ?? null,
    usage: checkedUsage(options.usage),
    fallbackUsage: policy.usage ? { inputTokens: policy.usage.input_tokens, outputTokens: policy.usage.output_tokens } : null,
    amortizationMonths: policy.amortization_months,
    maxAttempts: policy.max_attempts,
    fx: { ...policy.fx, ...options.fx },
    registry: registryFor(policy),
  };
  const plan = pricePlan(record, policy, options);
  if (plan) analyzeOptions.models = { baseline: plan.baseline, candidate: plan.candidate };
  const analysis = analyze(record, analyzeOptions);
  if (plan) analysis.warnings.push(...plan.warnings);
  const judged = evaluateRules(analysis, policy);
  const { rules, verdict } = plan ? withCatalogAge(judged.rules, plan.prices, policy, analysis.warnings) : judged;
  const whatif = options.whatif ? whatIf(record, analyzeOptions, (a) => evaluateRules(a, policy), { ...checkedWhatIf(options.whatif), ruleMetrics: ruleMetrics(policy) }) : undefined;
  return {
    schemaVersion: 1,
    record: {
      file: record.file,
      id: record.id,
      title: record.title,
      oldModel: record.oldModel,
      newModel: record.newModel,
      updateDate: record.updateDate,
      provider: record.provider,
      tags: record.tags,
      tier: record.tier,
      outcome: record.outcome,
    },
    baseline: analysis.baseline,
    candidate: analysis.candidate,
    metrics: analysis.metrics,
    usage: analysis.usage,
    cost: analysis.cost,
    selfHost: analysis.selfHost,
    audit: analysis.audit,
    rules,
    verdict,
    warnings: analysis.warnings,
    ...(plan ? { prices: plan.prices } : {}),
    policy: {
      source: options.policySource ?? (options.policy === undefined || options.policy === null ? "built-in default" : "given in code"),
      sha256: policyHash(policy),
    },
    ...(whatif ? { whatif } : {}),
  };
}

/** The metrics a policy's required rules name, members of `any:` included: they decide the verdict. */
function ruleMetrics(policy: Policy): string[] {
  return policy.rules.filter((r) => r.severity === "required").flatMap((r) => [r.metric, ...(r.any ?? []).map((c) => c.metric)]).filter((m): m is string => typeof m === "string");
}

/** A swing is a percentage above 0 and at most 100; a capacity a number of tokens a month. */
function checkedWhatIf(o: NonNullable<EvaluateOptions["whatif"]>): WhatIfOptions {
  const swing: unknown = o.swing ?? 20;
  if (typeof swing !== "number" || !(swing > 0) || swing > 100) throw new TypeError(`invalid whatif.swing: a percentage above 0 and at most 100, got ${String(swing)}`);
  const cap: unknown = o.capacityTokensPerMonth ?? null;
  if (cap !== null && (typeof cap !== "number" || !(cap > 0) || cap > MAX_TOKENS)) throw new TypeError(`invalid whatif.capacityTokensPerMonth: tokens a month above 0 and at most ${MAX_TOKENS}, got ${String(cap)}`);
  return { swing, capacityTokensPerMonth: cap as number | null };
}
