/**
 * What would flip the decision, as the JSON report carries it under `whatif`: the cost lines
 * against monthly volume and where they cross, each required rule's flip points, and each
 * input moved by ±swing one at a time.
 */
import * as z from "zod";

const num = z.number();
const maybe = num.nullable();
const Currency = z.enum(["USD", "JPY", "EUR"]);
const Verdict = z.enum(["MIGRATE", "HOLD"]);
const Status = z.enum(["pass", "fail", "unknown"]);

/** Monthly cost at a monthly volume of tokens, at the usage's input/output mix, before retries. */
export const CostLineSchema = z.object({
  id: z.enum(["baseline", "candidate", "self_host"]),
  label: z.string(),
  /** API lines: the blended price per 1M tokens (cost = volume / 1e6 × price). */
  pricePerMTok: maybe,
  /** Self-hosting: the fixed cost a month of one installation. */
  fixedPerMonth: maybe,
  /** Self-hosting: the tokens a month one installation serves; the fixed cost steps up past each multiple. */
  capacityTokensPerMonth: maybe,
});
export type CostLine = z.infer<typeof CostLineSchema>;

export const CrossoverSchema = z.object({
  /** The two lines, by id. */
  between: z.tuple([z.string(), z.string()]),
  /** Tokens a month at which the lines cross. */
  volume: num,
  /** The monthly cost of both there. */
  cost: num,
  /** The line that is cheaper just above this volume. */
  cheaperAbove: z.string(),
});
export type Crossover = z.infer<typeof CrossoverSchema>;

export const InputRefSchema = z.object({
  /** `candidate.price_input`, `usage.input_tokens`, `self_host.capex`, `policy.amortization_months` … */
  input: z.string(),
  label: z.string(),
  /** `usd_per_mtok`, `tokens`, `usd`, `attempts`, `percent`, `months` … */
  unit: z.string(),
  value: num,
  line: z.number().int().nullable(),
});
export type InputRef = z.infer<typeof InputRefSchema>;

export const FlipSchema = InputRefSchema.extend({
  /** The value at which the rule's status changes; null when no value in the input's range changes it. */
  at: maybe,
  /** Which way from the current value the input has to move. */
  direction: z.enum(["below", "above"]).nullable(),
  /** The status the rule would have past `at`. */
  becomes: Status.nullable(),
  method: z.enum(["closed_form", "bisection"]).nullable(),
});
export type Flip = z.infer<typeof FlipSchema>;

export const RuleFlipsSchema = z.object({
  rule: z.string(),
  status: Status,
  /** One entry per input that moves the rule's figure; `at: null` means no value flips it. */
  flips: z.array(FlipSchema),
});

const End = z.object({
  value: num,
  /** The input's range stopped the move (attempts below 1, a rate above 100 %). */
  clamped: z.boolean(),
  retryAdjustedChangePct: maybe,
  retryAdjustedChangeAbs: maybe,
  verdict: Verdict,
  /** Self-hosting's break-even at this end, tokens a month; null without self-hosting figures. */
  breakEvenTokensPerMonth: maybe,
});

export const SensitivitySchema = InputRefSchema.extend({
  low: End,
  high: End,
  /** Points of retry-adjusted cost change between the two ends; null when either is unknown. */
  effect: maybe,
});
export type Sensitivity = z.infer<typeof SensitivitySchema>;

export const WhatIfSchema = z.object({
  currency: Currency,
  /** The record's (or flag's) tokens a month, for marking on the chart. */
  volume: maybe,
  lines: z.array(CostLineSchema),
  crossovers: z.array(CrossoverSchema),
  /** The lowest volume above which self-hosting is cheaper than the candidate's API; null when never. */
  selfHostCheaperFrom: maybe,
  flips: z.array(RuleFlipsSchema),
  /** Percent each input was moved by, up and down. */
  swing: num,
  sensitivity: z.array(SensitivitySchema),
  /** The retry-adjusted cost change and the verdict as the record stands. */
  retryAdjustedChangePct: maybe,
  verdict: Verdict,
});
export type WhatIf = z.infer<typeof WhatIfSchema>;
