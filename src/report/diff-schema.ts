/**
 * The JSON of `migrate-eval diff BASE HEAD` (`--format json`), schemaVersion 1: what a change to
 * the records does to each decision. A contract for CI, like the report: fields may be added,
 * never renamed or dropped without a new schemaVersion.
 */
import * as z from "zod";

const Verdict = z.enum(["MIGRATE", "HOLD"]);
const Status = z.enum(["pass", "fail", "unknown"]);
const num = z.number().nullable();

export const RuleChangeSchema = z.object({
  id: z.string(),
  severity: z.enum(["required", "warning"]),
  base: Status.nullable(),
  head: Status.nullable(),
  /** The head's reason (the base's when the rule is gone). */
  message: z.string(),
  /** A required rule that went from pass to fail. */
  regression: z.boolean(),
});

/** A cost or self-hosting figure that changed. */
export const FigureChangeSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** `usd`, `jpy`, `eur`, `percent`, `tokens` or `months`; the head's when the two differ. */
  unit: z.string(),
  base: num,
  head: num,
  /** head − base; null when either is missing or their currencies differ. */
  delta: num,
});

const Sides = z.object({ baseline: num, candidate: num });

export const MetricChangeSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  change: z.enum(["added", "removed", "changed"]),
  base: Sides.nullable(),
  head: Sides.nullable(),
  /** The record's line of the figure: the head's, else the base's. */
  line: z.number().int().nullable(),
});

export const AuditChangeSchema = z.object({
  claim: z.string(),
  kind: z.string(),
  text: z.string(),
  /** Whether the stated figure holds: null when it cannot be checked or is not on that side. */
  base: z.boolean().nullable(),
  head: z.boolean().nullable(),
  line: z.number().int().nullable(),
});

export const RecordDiffSchema = z.object({
  id: z.string(),
  /** `added`: only in HEAD; `removed`: only in BASE. */
  status: z.enum(["changed", "unchanged", "added", "removed"]),
  baseFile: z.string().nullable(),
  headFile: z.string().nullable(),
  baseline: z.string(),
  candidate: z.string(),
  verdict: z.object({ base: Verdict.nullable(), head: Verdict.nullable(), flipped: z.boolean() }),
  /** MIGRATE → HOLD, or a required rule pass → fail. */
  regression: z.boolean(),
  /** The two sides were decided by different policies (their hashes differ). */
  policyChanged: z.boolean(),
  rules: z.array(RuleChangeSchema),
  figures: z.array(FigureChangeSchema),
  metrics: z.array(MetricChangeSchema),
  audit: z.array(AuditChangeSchema),
});
export type RecordDiff = z.infer<typeof RecordDiffSchema>;

export const DiffSchema = z.object({
  schemaVersion: z.literal(1),
  base: z.string(),
  head: z.string(),
  records: z.array(RecordDiffSchema),
  summary: z.object({
    records: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    verdictFlips: z.number().int(),
    regressions: z.number().int(),
  }),
});
export type Diff = z.infer<typeof DiffSchema>;
