/**
 * The record's schemas. The frontmatter schema validates what authors write (SPEC §1.1); the
 * record schema describes what the loader returns. Types come from these, nothing else.
 */
import * as z from "zod";
import { parseTokenCount } from "./units.js";

const finiteNumber = z.number().refine(Number.isFinite, "must be a finite number");
const tokenCount = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = parseTokenCount(v);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: `"${String(v)}" is not a token count (e.g. 100M, 2.5B, 50000)` });
    return z.NEVER;
  }
  return n;
});
const money = z.union([finiteNumber, z.string()]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : Number(v.replace(/[$,\s]/g, ""));
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: "custom", message: `"${String(v)}" is not an amount in USD` });
    return z.NEVER;
  }
  return n;
});

const oldNew = z.strictObject({ old: finiteNumber.optional(), new: finiteNumber.optional() });

/** Far beyond real records; they keep a hostile frontmatter from costing quadratic time. */
const MAX_FRONT_METRICS = 200;
const MAX_ALTERNATIVES = 60;

export const OUTCOMES = ["success", "failure", "rollback", "partial", "pending"] as const;

const dateString = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim();
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
    if (!m) {
      ctx.addIssue({ code: "custom", message: `"${s}" is not a date (YYYY-MM-DD)` });
      return z.NEVER;
    }
    return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  });

export const FrontmatterSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string(),
  old_model: z.string().trim().min(1, "must name a model"),
  new_model: z.string().trim().min(1, "must name a model"),
  update_date: dateString.optional(),
  provider: z.string().optional(),
  tags: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  tier: z.number().int().optional(),
  outcome: z
    .enum(OUTCOMES, { error: (iss) => `${JSON.stringify(iss.input)} is not one of ${OUTCOMES.join(", ")}` })
    .optional(),
  metrics: z
    .record(z.string(), oldNew)
    .refine((m) => Object.keys(m).length <= MAX_FRONT_METRICS, `at most ${MAX_FRONT_METRICS} metrics`)
    .optional(),
  usage: z.strictObject({ input_tokens: tokenCount, output_tokens: tokenCount }).optional(),
  self_host: z
    .strictObject({
      capex: money.optional(),
      opex_per_month: money.optional(),
      gpus: z.union([z.string(), z.number()]).transform(String).optional(),
      break_even_tokens: tokenCount.optional(),
    })
    .optional(),
  alternatives: z
    .array(
      z.strictObject({
        model: z.string().trim().min(1),
        price_input: finiteNumber.optional(),
        price_output: finiteNumber.optional(),
        metrics: z
          .record(z.string(), finiteNumber)
          .refine((m) => Object.keys(m).length <= MAX_FRONT_METRICS, `at most ${MAX_FRONT_METRICS} metrics`)
          .optional(),
      }),
    )
    .max(MAX_ALTERNATIVES)
    .optional(),
});
export type Frontmatter = z.infer<typeof FrontmatterSchema>;

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
