/**
 * The policy file (SPEC §2.2) and the result of each rule. Objects are strict: a misspelt key
 * is an error with its line, not a rule that silently never applies.
 */
import * as z from "zod";
import { parseTokenCount } from "../record/units.js";
import { CONDITION_KINDS } from "./conditions.js";

const Bounds = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((b) => b.min !== undefined || b.max !== undefined, "needs min, max or both")
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, "min is above max");
export type Bounds = z.infer<typeof Bounds>;

const conditionFields = Object.fromEntries(CONDITION_KINDS.map((k) => [k, Bounds.optional()])) as {
  [K in (typeof CONDITION_KINDS)[number]]: z.ZodOptional<typeof Bounds>;
};

const exactlyOneCondition = (r: Record<string, unknown>) => CONDITION_KINDS.filter((k) => r[k] !== undefined).length === 1;
const CONDITION_HELP = `needs exactly one of ${CONDITION_KINDS.join(", ")}`;

const Check = z
  .strictObject({
    metric: z.string().min(1).max(100),
    ...conditionFields,
    significant: z.boolean().optional(),
  })
  .refine(exactlyOneCondition, CONDITION_HELP);

const RuleSchema = z
  .strictObject({
    id: z.string().min(1).max(100),
    description: z.string().max(500).optional(),
    severity: z.enum(["required", "warning"]).default("required"),
    metric: z.string().min(1).max(100).optional(),
    ...conditionFields,
    significant: z.boolean().optional(),
    any: z.array(Check).min(1).max(50).optional(),
  })
  .refine((r) => (r.any === undefined) !== (r.metric === undefined), "a rule has either `metric` and a condition, or `any`")
  .refine((r) => r.any !== undefined || exactlyOneCondition(r), CONDITION_HELP);

const tokens = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = parseTokenCount(v);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: `"${String(v)}" is not a token count (e.g. 100M)` });
    return z.NEVER;
  }
  return n;
});

export const MAX_RULES = 500;

export const PolicySchema = z
  .strictObject({
    version: z.literal(1),
    usage: z.strictObject({ input_tokens: tokens, output_tokens: tokens }).optional(),
    amortization_months: z.number().positive().max(600).default(36),
    max_attempts: z.number().int().min(1).max(100).nullable().default(null),
    rules: z.array(RuleSchema).max(MAX_RULES, `at most ${MAX_RULES} rules`),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: "custom", message: `rule id "${r.id}" is used twice`, path: ["rules", i, "id"] });
      seen.add(r.id);
    });
  });
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
export type Rule = Policy["rules"][number];
export type Check = z.infer<typeof Check>;

export const RuleResultSchema = z.object({
  id: z.string(),
  severity: z.enum(["required", "warning"]),
  status: z.enum(["pass", "fail", "unknown"]),
  metric: z.string().nullable(),
  condition: z.string().nullable(),
  actual: z.number().nullable(),
  threshold: z.object({ min: z.number().nullable(), max: z.number().nullable() }).nullable(),
  message: z.string(),
  get members() {
    return z.array(RuleResultSchema).optional();
  },
});
export type RuleResult = z.infer<typeof RuleResultSchema>;
