/**
 * The shapes of what the calculations return (SPEC §4). The report schema is built from these.
 */
import * as z from "zod";

const num = z.number();
const maybe = num.nullable();

export const ChangeSchema = z.object({ abs: maybe, pct: maybe, pp: maybe });
export type Change = z.infer<typeof ChangeSchema>;

export const MetricRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  direction: z.enum(["higher", "lower", "neutral"]),
  baseline: maybe,
  candidate: maybe,
  change: ChangeSchema,
  better: z.boolean().nullable(),
  significant: z.boolean().nullable(),
  ci95: z.tuple([num, num]).nullable(),
  sampleSize: z.number().int().nullable(),
  stated: z.string().nullable(),
  line: z.number().int().nullable(),
  lines: z.object({ baseline: z.number().int().nullable(), candidate: z.number().int().nullable() }),
});
export type MetricRow = z.infer<typeof MetricRowSchema>;

export const UsageSchema = z.object({
  inputTokens: maybe,
  outputTokens: maybe,
  source: z.enum(["flag", "record", "policy", "none"]),
});
export type Usage = z.infer<typeof UsageSchema>;

export const AttemptsSourceSchema = z.enum(["stated", "success_rate", "assumed"]);

export const CostSideSchema = z.object({
  model: z.string(),
  priceInput: maybe,
  priceOutput: maybe,
  blendedPricePerMTok: maybe,
  monthly: maybe,
  annual: maybe,
  attempts: num,
  attemptsSource: AttemptsSourceSchema,
  retryAdjustedMonthly: maybe,
});
export type CostSide = z.infer<typeof CostSideSchema>;

const MoneyChange = z.object({ abs: maybe, pct: maybe });

export const CostSchema = z.object({
  currency: z.literal("USD"),
  baseline: CostSideSchema,
  candidate: CostSideSchema,
  monthlyChange: MoneyChange,
  annualChange: MoneyChange,
  retryAdjustedChange: MoneyChange,
  retryAdjusted: z.boolean(),
});
export type Cost = z.infer<typeof CostSchema>;

export const SelfHostSchema = z.object({
  capex: maybe,
  opexPerMonth: maybe,
  gpus: z.string().nullable(),
  amortizationMonths: num,
  fixedPerMonth: maybe,
  blendedPricePerMTok: maybe,
  breakEvenTokensPerMonth: maybe,
  apiMonthly: maybe,
  paybackMonths: maybe,
  cheaperAtCurrentUsage: z.boolean().nullable(),
  stated: maybe,
  lines: z.object({ capex: z.number().int().nullable(), opexPerMonth: z.number().int().nullable(), stated: z.number().int().nullable() }),
});
export type SelfHost = z.infer<typeof SelfHostSchema>;

export const AuditEntrySchema = z.object({
  claim: z.string(),
  kind: z.string(),
  text: z.string(),
  stated: num,
  computed: maybe,
  unit: z.enum(["percent", "points", "usd", "tokens", "number"]),
  ok: z.boolean().nullable(),
  line: z.number().int().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const WarningSchema = z.object({ code: z.string(), message: z.string(), line: z.number().int().nullable() });
export type Warning = z.infer<typeof WarningSchema>;
