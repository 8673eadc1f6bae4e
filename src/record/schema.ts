/**
 * What the loader returns (SPEC §1), as a schema: the type of a loaded record, and the JSON
 * Schema `migrate-eval schema record` prints. The frontmatter authors write is validated by
 * frontmatter-schema.ts.
 */
import * as z from "zod";

import { OUTCOMES } from "./frontmatter-schema.js";

const DirectionSchema = z.enum(["higher", "lower", "neutral"]);
export const CurrencySchema = z.enum(["USD", "JPY", "EUR"]);

export const MetricValueSchema = z.object({
  value: z.number(),
  line: z.number().int().nullable(),
  /** `catalog`: a price put there from the offline price catalog, not read from the record. */
  source: z.enum(["frontmatter", "body", "catalog"]),
  text: z.string().nullable(),
  /** The currency of a money figure (prices); null for every other figure. */
  currency: CurrencySchema.nullable().optional(),
});
export type MetricValue = z.infer<typeof MetricValueSchema>;

export const ModelSchema = z.object({
  name: z.string(),
  role: z.enum(["old", "new", "alternative"]),
  metrics: z.record(z.string(), MetricValueSchema),
});
export type ModelData = z.infer<typeof ModelSchema>;

/** A metric the registry does not know, kept under the slug of its label. */
export const MetricInfoSchema = z.object({
  label: z.string(),
  /** How its values read: `percent`, `seconds`, `usd_per_mtok`, `jpy`, `score`, `number` … */
  unit: z.string(),
  direction: DirectionSchema,
  kind: z.string(),
  scale: z.number().optional(),
});

const SourcedNumber = z.object({ value: z.number(), line: z.number().int().nullable() });
const SourcedMoney = z.object({ value: z.number(), line: z.number().int().nullable(), currency: CurrencySchema.nullable() });

export const CLAIM_KINDS = ["metric_change", "cost_breakdown", "monthly_cost", "annual_cost", "cost_change", "break_even", "payback", "unchecked"] as const;

export const ClaimSchema = z.object({
  kind: z.enum(CLAIM_KINDS),
  /** The metric (metric_change), the model (cost_breakdown, monthly_cost) or the comparison's baseline (cost_change). */
  subject: z.string().nullable(),
  basis: z.enum(["monthly", "annual", "retry_adjusted"]).nullable(),
  /** As written: `+8.1%`, `$20 + $10 = $30`, `140M tokens`. */
  text: z.string(),
  value: z.number(),
  unit: z.enum(["percent", "usd", "jpy", "eur", "tokens", "months", "number"]),
  /** The size of one unit of the last written digit: the figure's own rounding. */
  step: z.number(),
  terms: z.array(z.number()).nullable(),
  /** A cost change read as against old_model because its list states both models' costs. */
  assumedBaseline: z.boolean().optional(),
  /** Why a stated result is not checked (`unchecked`): what it is about is not a figure the tool computes. */
  reason: z.string().optional(),
  line: z.number().int().nullable(),
});
export type Claim = z.infer<typeof ClaimSchema>;

/** Tokens a month; `units` are other things the usage counts (images, requests …). */
export const UsageSchema = z.object({
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  /** When the record gives only a total. */
  totalTokens: z.number().nullable().optional(),
  units: z.array(z.object({ unit: z.string(), count: z.number(), line: z.number().int().nullable() })).optional(),
  line: z.number().int().nullable(),
  source: z.enum(["frontmatter", "body"]),
});

export const ReadingSchema = z.object({
  line: z.number().int().nullable(),
  /** As written. */
  text: z.string(),
  /** What the figure was taken as: `MMLU of Mistral 7B`. */
  target: z.string(),
  value: z.number(),
  unit: z.string(),
  /** Conversions, in words: `per 1K tokens → per 1M (×1,000)`. */
  steps: z.array(z.string()),
  /** Why it is that metric of that model. */
  why: z.string(),
});
export type Reading = z.infer<typeof ReadingSchema>;

const FindingSchema = z.object({ code: z.string(), message: z.string(), line: z.number().int().nullable() });

export const RecordSchema = z.object({
  file: z.string(),
  id: z.string(),
  title: z.string(),
  oldModel: z.string(),
  newModel: z.string(),
  updateDate: z.string().nullable(),
  provider: z.string().nullable(),
  tags: z.array(z.string()),
  tier: z.number().int().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  models: z.array(ModelSchema),
  metricInfo: z.record(z.string(), MetricInfoSchema),
  /** The record's own currency (`currency:` in the frontmatter), which its frontmatter figures are in. */
  currency: CurrencySchema.nullable().optional(),
  usage: UsageSchema.nullable(),
  selfHost: z
    .object({
      capex: SourcedMoney.nullable(),
      opexPerMonth: SourcedMoney.nullable(),
      gpus: z.object({ value: z.string(), count: z.number().nullable().optional(), line: z.number().int().nullable() }).nullable(),
      statedBreakEvenTokensPerMonth: SourcedNumber.nullable(),
      statedPaybackMonths: SourcedNumber.nullable().optional(),
      capacityTokensPerMonth: SourcedNumber.nullable().optional(),
    })
    .nullable(),
  /** Figures stated as ranges: kept, shown, and never used as one figure. */
  ranges: z.array(z.object({ model: z.string(), key: z.string(), range: z.tuple([z.number(), z.number()]), line: z.number().int().nullable(), text: z.string() })),
  /** How each figure was read, for `show`. */
  readings: z.array(ReadingSchema),
  samples: z.record(z.string(), z.object({ n: z.number().int(), line: z.number().int().nullable() })),
  claims: z.array(ClaimSchema),
  warnings: z.array(FindingSchema),
});
export type LoadedRecord = z.infer<typeof RecordSchema>;
