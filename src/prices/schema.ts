/** What a report says of catalog prices (`prices` in the JSON report, present when the catalog was used). */
import * as z from "zod";

const maybe = z.number().nullable();

export const CatalogInfoSchema = z.object({
  package: z.string(),
  version: z.string(),
  /** When the catalog's data was published. */
  dataDate: z.string(),
  /** Whole days from dataDate to the day of the run. */
  ageDays: z.number().int(),
});

export const TierSchema = z.object({
  /** 0 is the base tier. */
  index: z.number().int(),
  /** The tier applies to requests of more than this many input tokens (0 for the base). */
  from: z.number(),
  of: z.number().int(),
  requestTokens: maybe,
  /** Where the request size came from: `--request-tokens`, the record's usage, or none (base tier taken). */
  requestTokensSource: z.enum(["flag", "record", "none"]),
});

export const CatalogModelPriceSchema = z.object({
  role: z.enum(["baseline", "candidate"]),
  /** The model's name in the report. */
  name: z.string(),
  provider: z.string(),
  providerName: z.string(),
  model: z.string(),
  modelName: z.string(),
  /** How the name was placed in the catalog. */
  via: z.enum(["provider", "bare", "alias", "record-provider"]),
  /** USD per 1M tokens. */
  priceInput: maybe,
  priceOutput: maybe,
  /** The start of the price used; null when the catalog gives the first price no date. */
  since: z.string().nullable(),
  tier: TierSchema.nullable(),
});

export const PriceCheckSchema = z.object({
  model: z.string(),
  side: z.enum(["input", "output"]),
  line: z.number().int().nullable(),
  /** The record's price per 1M tokens, in its own currency. */
  stated: z.number(),
  statedCurrency: z.enum(["USD", "JPY", "EUR"]),
  /** The record's price in USD (null: another currency and no rate). */
  statedUsd: maybe,
  /** The catalog's price in USD per 1M tokens, on `date`; null when it has none. */
  catalog: maybe,
  provider: z.string(),
  catalogModel: z.string(),
  /** The day compared at: the record's update_date, else the day of the run. */
  date: z.string(),
  since: z.string().nullable(),
  tier: z.number().int().nullable(),
  /** (stated − catalog) / catalog × 100. */
  diffPct: maybe,
  /** Within 5 %; null when not compared. */
  ok: z.boolean().nullable(),
  reason: z.string().nullable(),
});
export type PriceCheck = z.infer<typeof PriceCheckSchema>;

export const ReportPricesSchema = z.object({
  /** Where the cost's prices came from: the record, or the catalog (`--prices catalog`). */
  source: z.enum(["record", "catalog"]),
  catalog: CatalogInfoSchema,
  /** The day catalog prices are taken at (`--prices-as-of`, else the day of the run). */
  asOf: z.string(),
  /** `given`: from `--prices-as-of`; `today`: the day of the run. */
  asOfSource: z.enum(["today", "given"]),
  /** Models priced from the catalog: a `--baseline` the record does not price, or both under `--prices catalog`. */
  models: z.array(CatalogModelPriceSchema),
  /** The record's prices against the catalog's. */
  check: z.array(PriceCheckSchema),
});
export type ReportPrices = z.infer<typeof ReportPricesSchema>;

const TieredSchema = z.object({ base: z.number(), tiers: z.array(z.object({ start: z.number(), price: z.number() })) });

/** One price of a model's history, USD per 1M tokens: from `startDate`, or in a daily window. */
export const CatalogPriceSchema = z.object({
  startDate: z.string().nullable(),
  timeOfDay: z.object({ start: z.string(), end: z.string() }).nullable(),
  input: TieredSchema.nullable(),
  output: TieredSchema.nullable(),
});

/** `migrate-eval prices --format json`: the models named (or found), each with its price history. */
export const PriceListSchema = z.object({
  schemaVersion: z.literal(1),
  catalog: CatalogInfoSchema.omit({ ageDays: true }),
  /** The day `current` is for. */
  date: z.string(),
  models: z.array(z.object({
    query: z.string(),
    provider: z.string(),
    providerName: z.string(),
    model: z.string(),
    name: z.string(),
    contextWindow: z.number().nullable(),
    deprecated: z.boolean(),
    prices: z.array(CatalogPriceSchema),
    /** The index in `prices` of the price in force on `date`; null when none is. */
    current: z.number().int().nullable(),
    /** Why no price is in force on `date`. */
    problem: z.string().nullable(),
  })),
  /** Names that are unknown or ambiguous, each with the close ids. */
  errors: z.array(z.object({ query: z.string(), message: z.string() })),
  /** `--search`: more models matched than are listed. */
  truncated: z.boolean().optional(),
});
export type PriceList = z.infer<typeof PriceListSchema>;
export type ListedModel = PriceList["models"][number];
