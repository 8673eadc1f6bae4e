/**
 * What the loader returns (SPEC §1), as a schema: the type of a loaded record, and the JSON
 * Schema `migrate-eval schema record` prints. The frontmatter authors write is validated by
 * frontmatter-schema.ts.
 */
import * as z from "zod";

import { OUTCOMES } from "./frontmatter-schema.js";

const UnitSchema = z.enum(["percent", "score", "attempts", "usd_per_mtok", "usd", "seconds", "tokens", "params", "number"]);
const DirectionSchema = z.enum(["higher", "lower", "neutral"]);

export const MetricValueSchema = z.object({
  value: z.number(),
  line: z.number().int().nullable(),
  source: z.enum(["frontmatter", "body"]),
  text: z.string().nullable(),
});
export type MetricValue = z.infer<typeof MetricValueSchema>;

export const ModelSchema = z.object({
  name: z.string(),
  role: z.enum(["old", "new", "alternative"]),
  metrics: z.record(z.string(), MetricValueSchema),
});
export type ModelData = z.infer<typeof ModelSchema>;

export const MetricInfoSchema = z.object({ label: z.string(), unit: UnitSchema, direction: DirectionSchema });

const SourcedNumber = z.object({ value: z.number(), line: z.number().int().nullable() });

export const ClaimSchema = z.object({
  kind: z.enum(["metric_change", "cost_breakdown", "monthly_cost", "cost_change", "break_even"]),
  /** The metric (metric_change), the model (cost_breakdown, monthly_cost) or the comparison's baseline (cost_change). */
  subject: z.string().nullable(),
  basis: z.enum(["monthly", "annual", "retry_adjusted"]).nullable(),
  /** As written: `+8.1%`, `$20 + $10 = $30`, `140M tokens`. */
  text: z.string(),
  value: z.number(),
  unit: z.enum(["percent", "usd", "tokens", "number"]),
  /** The size of one unit of the last written digit: the figure's own rounding. */
  step: z.number(),
  terms: z.array(z.number()).nullable(),
  /** A cost change whose line names no comparison (`vs …`): read as against old_model. */
  assumedBaseline: z.boolean().optional(),
  line: z.number().int().nullable(),
});
export type Claim = z.infer<typeof ClaimSchema>;

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
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number(), line: z.number().int().nullable(), source: z.enum(["frontmatter", "body"]) }).nullable(),
  selfHost: z
    .object({
      capex: SourcedNumber.nullable(),
      opexPerMonth: SourcedNumber.nullable(),
      gpus: z.object({ value: z.string(), line: z.number().int().nullable() }).nullable(),
      statedBreakEvenTokensPerMonth: SourcedNumber.nullable(),
    })
    .nullable(),
  samples: z.record(z.string(), z.object({ n: z.number().int(), line: z.number().int().nullable() })),
  claims: z.array(ClaimSchema),
  warnings: z.array(FindingSchema),
});
export type LoadedRecord = z.infer<typeof RecordSchema>;
