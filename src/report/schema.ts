/**
 * The JSON report, schemaVersion 1 (SPEC §4). CI depends on these names: fields may be added,
 * never renamed or dropped without a new schemaVersion.
 */
import * as z from "zod";
import { AuditEntrySchema, CostSchema, MetricRowSchema, SelfHostSchema, UsageSchema, WarningSchema } from "../calc/schema.js";
import { RecordSchema } from "../record/schema.js";
import { RuleResultSchema } from "../rules/result-schema.js";
import { WhatIfSchema } from "../calc/whatif/schema.js";
import { ReportPricesSchema } from "../prices/schema.js";

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  record: RecordSchema.pick({
    file: true, id: true, title: true, oldModel: true, newModel: true,
    updateDate: true, provider: true, tags: true, tier: true, outcome: true,
  }),
  baseline: z.string(),
  candidate: z.string(),
  metrics: z.array(MetricRowSchema),
  usage: UsageSchema,
  cost: CostSchema,
  selfHost: SelfHostSchema.nullable(),
  audit: z.array(AuditEntrySchema),
  rules: z.array(RuleResultSchema),
  verdict: z.enum(["MIGRATE", "HOLD"]),
  warnings: z.array(WarningSchema),
  /** Present when the offline price catalog was used: where prices came from, the catalog's version and date, the price check. */
  prices: ReportPricesSchema.optional(),
  /** Which policy decided: `built-in default`, the file it came from, or `given in code`, and a hash of its rules. */
  policy: z.object({ source: z.string(), sha256: z.string() }),
  /** What would flip the decision: only when asked for (`whatif`, `--whatif`, `--format html`). */
  whatif: WhatIfSchema.optional(),
});
export type Report = z.infer<typeof ReportSchema>;
