/**
 * The policy file (SPEC §2.2). Objects are strict: a misspelt key is an error with its line, not
 * a rule that silently never applies. Built with zod's mini API, as it is checked at start-up.
 */
import * as z from "zod/mini";
import { tokenCount } from "../record/frontmatter-schema.js";
import { CONDITION_KINDS } from "./conditions.js";

const Bounds = z
  .strictObject({ min: z.optional(z.number()), max: z.optional(z.number()) })
  .check(
    z.refine((b) => b.min !== undefined || b.max !== undefined, "needs min, max or both"),
    z.refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, "min is above max"),
  );
export type Bounds = z.infer<typeof Bounds>;

const conditionFields = Object.fromEntries(CONDITION_KINDS.map((k) => [k, z.optional(Bounds)])) as {
  [K in (typeof CONDITION_KINDS)[number]]: z.ZodMiniOptional<typeof Bounds>;
};

const exactlyOneCondition = (r: Record<string, unknown>) => CONDITION_KINDS.filter((k) => r[k] !== undefined).length === 1;
const CONDITION_HELP = `needs exactly one of ${CONDITION_KINDS.join(", ")}`;
const metricName = z.string().check(z.minLength(1), z.maxLength(100));

const Check = z
  .strictObject({ metric: metricName, ...conditionFields, significant: z.optional(z.boolean()) })
  .check(z.refine(exactlyOneCondition, CONDITION_HELP));

const RuleSchema = z
  .strictObject({
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    description: z.optional(z.string().check(z.maxLength(500))),
    severity: z._default(z.enum(["required", "warning"]), "required"),
    metric: z.optional(metricName),
    ...conditionFields,
    significant: z.optional(z.boolean()),
    any: z.optional(z.array(Check).check(z.minLength(1), z.maxLength(50))),
  })
  .check(
    z.refine((r) => (r.any === undefined) !== (r.metric === undefined), "a rule has either `metric` and a condition, or `any`"),
    z.refine((r) => r.any !== undefined || exactlyOneCondition(r), CONDITION_HELP),
  );

export const MAX_RULES = 500;

export const PolicySchema = z
  .strictObject({
    version: z.literal(1),
    usage: z.optional(z.strictObject({ input_tokens: tokenCount, output_tokens: tokenCount })),
    amortization_months: z._default(z.number().check(z.positive(), z.maximum(600)), 36),
    max_attempts: z._default(z.nullable(z.int().check(z.minimum(1), z.maximum(100))), null),
    rules: z.array(RuleSchema).check(z.maxLength(MAX_RULES, `at most ${MAX_RULES} rules`)),
  })
  .check(
    z.superRefine((p, ctx) => {
      const seen = new Set<string>();
      p.rules.forEach((r, i) => {
        if (seen.has(r.id)) ctx.issues.push({ code: "custom", message: `rule id "${r.id}" is used twice`, path: ["rules", i, "id"], input: r.id });
        seen.add(r.id);
      });
    }),
  );
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
export type Rule = Policy["rules"][number];
export type Check = z.infer<typeof Check>;
export type { RuleResult } from "./result-schema.js";
