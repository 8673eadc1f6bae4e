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
export const MAX_TEAM_METRICS = 200;

/** USD per one unit of a currency: `JPY: 0.0067`. A record priced in two currencies needs it. */
const rate = z.number().check(z.positive(), z.maximum(1e6));
const FxSchema = z.strictObject({ USD: z.optional(z.literal(1)), JPY: z.optional(rate), EUR: z.optional(rate) });

/** What a team metric's figures are, as the registry's kinds: `percent`, `score`, `seconds` … */
export const TEAM_METRIC_UNITS = ["percent", "score", "score_10", "seconds", "tokens", "count", "money"] as const;

const alias = z.string().check(z.minLength(1), z.maxLength(100));
const MetricSchema = z
  .strictObject({
    key: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,47}$/, "a key is lower case letters, digits and _, starting with a letter")),
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    aliases: z._default(z.array(alias).check(z.maxLength(50)), []),
    unit: z.optional(z.enum(TEAM_METRIC_UNITS)),
    direction: z.optional(z.enum(["higher", "lower", "neutral"])),
    benchmark: z.optional(z.boolean()),
    items: z.optional(z.int().check(z.minimum(1), z.maximum(100_000_000))),
    range: z.optional(z.tuple([z.number(), z.number()]).check(z.refine(([a, b]) => a <= b, "min is above max"))),
  })
  .check(z.refine((m) => m.benchmark !== true || m.unit === undefined || m.unit === "percent", "a benchmark is a percentage"));
export type TeamMetric = z.infer<typeof MetricSchema>;

/** Conditions a policy may have in all, rules and `any` members together. */
export const MAX_CHECKS = 1000;

export const PolicySchema = z
  .strictObject({
    version: z.literal(1),
    usage: z.optional(z.strictObject({ input_tokens: tokenCount, output_tokens: tokenCount })),
    amortization_months: z._default(z.number().check(z.positive(), z.maximum(600)), 36),
    max_attempts: z._default(z.nullable(z.int().check(z.minimum(1), z.maximum(100))), null),
    fx: z.optional(FxSchema),
    /** Older price-catalog data than this is a warning, or a failed rule under `catalog_age_severity: required`. */
    max_catalog_age_days: z.optional(z.int().check(z.minimum(0), z.maximum(36_500))),
    catalog_age_severity: z.optional(z.enum(["required", "warning"])),
    metrics: z.optional(z.array(MetricSchema).check(z.maxLength(MAX_TEAM_METRICS, `at most ${MAX_TEAM_METRICS} metrics`))),
    rules: z.array(RuleSchema).check(z.maxLength(MAX_RULES, `at most ${MAX_RULES} rules`)),
  })
  .check(
    z.superRefine((p, ctx) => {
      // Conditions checked per record, bounded: rules × `any` members is the evaluation's cost.
      const checks = p.rules.reduce((n, r) => n + (r.any?.length ?? 1), 0);
      if (checks > MAX_CHECKS) ctx.issues.push({ code: "custom", message: `${checks} conditions in all (rules and their any: members); at most ${MAX_CHECKS}`, path: ["rules"], input: p.rules });
      const seen = new Set<string>();
      p.rules.forEach((r, i) => {
        if (seen.has(r.id)) ctx.issues.push({ code: "custom", message: `rule id "${r.id}" is used twice`, path: ["rules", i, "id"], input: r.id });
        seen.add(r.id);
      });
      if (p.catalog_age_severity !== undefined && p.max_catalog_age_days === undefined) {
        ctx.issues.push({ code: "custom", message: "needs max_catalog_age_days beside it", path: ["catalog_age_severity"], input: p.catalog_age_severity });
      }
      const keys = new Set<string>();
      (p.metrics ?? []).forEach((m, i) => {
        if (keys.has(m.key)) ctx.issues.push({ code: "custom", message: `metric key "${m.key}" is used twice`, path: ["metrics", i, "key"], input: m.key });
        keys.add(m.key);
      });
    }),
  );
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
export type Rule = Policy["rules"][number];
export type Check = z.infer<typeof Check>;
export type { RuleResult } from "./result-schema.js";
