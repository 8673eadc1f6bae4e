/**
 * The JSON report, schemaVersion 1 (SPEC §4). CI depends on these names: fields may be added,
 * never renamed or dropped without a new schemaVersion.
 */
import * as z from "zod";
import { AuditEntrySchema, CostSchema, MetricRowSchema, SelfHostSchema, UsageSchema, WarningSchema } from "../calc/schema.js";
import { OUTCOMES } from "../record/schema.js";
import { RuleResultSchema } from "../rules/result-schema.js";

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  record: z.object({
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
});
export type Report = z.infer<typeof ReportSchema>;
