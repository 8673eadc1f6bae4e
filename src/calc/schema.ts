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
  /** A percentage benchmark, part of `benchmarks.mean`. */
  benchmark: z.boolean().optional(),
  /** Stated as ranges: shown, never used as one figure. */
  ranges: z.object({ baseline: z.tuple([num, num]).nullable(), candidate: z.tuple([num, num]).nullable() }).optional(),
  /** Each side's unit, when they differ (prices in two currencies): `unit` is then the candidate's. */
  units: z.object({ baseline: z.string(), candidate: z.string() }).optional(),
});
export type MetricRow = z.infer<typeof MetricRowSchema>;

export const UsageSchema = z.object({
  inputTokens: maybe,
  outputTokens: maybe,
  /** A total with no input/output split, when that is all the record gives. */
  totalTokens: maybe.optional(),
  /** Other things the usage counts a month (images, requests …). */
  units: z.array(z.object({ unit: z.string(), count: num })).optional(),
  source: z.enum(["flag", "record", "policy", "none"]),
});
export type Usage = z.infer<typeof UsageSchema>;

export const AttemptsSourceSchema = z.enum(["stated", "success_rate", "assumed"]);

const Currency = z.enum(["USD", "JPY", "EUR"]);

export const CostSideSchema = z.object({
  model: z.string(),
  /** In the cost's currency (converted when the record priced this model in another). */
  priceInput: maybe,
  priceOutput: maybe,
  /** The currency the record priced this model in; null when it has no price. */
  priceCurrency: Currency.nullable(),
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
  /** Every amount of the cost is in this currency: the baseline's prices'. */
  currency: Currency,
  baseline: CostSideSchema,
  candidate: CostSideSchema,
  monthlyChange: MoneyChange,
  annualChange: MoneyChange,
  retryAdjustedChange: MoneyChange,
  retryAdjusted: z.boolean(),
});
export type Cost = z.infer<typeof CostSchema>;

export const SelfHostSchema = z.object({
  /** In the cost's currency. */
  currency: Currency,
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
  unit: z.enum(["percent", "points", "usd", "jpy", "eur", "tokens", "months", "number"]),
  ok: z.boolean().nullable(),
  /** Why a stated result is not checked, when it is not. */
  reason: z.string().nullable().optional(),
  line: z.number().int().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const WarningSchema = z.object({ code: z.string(), message: z.string(), line: z.number().int().nullable() });
export type Warning = z.infer<typeof WarningSchema>;
