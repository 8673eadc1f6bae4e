/**
 * What authors write in a record's frontmatter (SPEC §1.1). Built with zod's mini API: it is
 * checked on every run, and the mini build loads in a fraction of the time of the full one.
 */
import * as z from "zod/mini";
import { en } from "zod/locales";
import { parseAmount, parseTokenCount } from "./quantity/token-count.js";

// The mini build carries no messages of its own; the English ones name what was expected.
// The setting is zod's global one, so the policy schema (which imports this module) has them too.
z.config(en());

/** A value read by `read`, or an issue saying what was expected. */
function readAs<I extends string | number, T>(read: (v: I) => T | null, expected: string) {
  return z.transform((v: I, ctx) => {
    const out = read(v);
    if (out === null) {
      ctx.issues.push({ code: "custom", message: `"${String(v)}" is not ${expected}`, input: v });
      return z.NEVER;
    }
    return out;
  });
}

const stringOrNumber = z.union([z.string(), z.number()]);
/** `100M`, `2.5B`, `50000` or a number: tokens, for record usage and policy usage alike. */
export const tokenCount = z.pipe(stringOrNumber, readAs((v: string | number) => parseTokenCount(v), "a token count (e.g. 100M, 2.5B, 50000)"));
const money = z.pipe(
  stringOrNumber,
  readAs((v: string | number) => parseAmount(v), "an amount of money"),
);
const asString = z.pipe(stringOrNumber, z.transform(String));
/** Names and titles are one-line facts; a longer one is not a name (and would fill every output). */
const MAX_NAME = 200;
const MAX_TITLE = 500;
const modelName = z.string().check(z.trim(), z.minLength(1, "must name a model"), z.maxLength(MAX_NAME, `a model name of at most ${MAX_NAME} characters`));
const oldNew = z.strictObject({ old: z.optional(z.number()), new: z.optional(z.number()) });

/** Far beyond real records; they keep a hostile frontmatter from costing quadratic time. */
const MAX_FRONT_METRICS = 200;
const MAX_ALTERNATIVES = 60;
const fewMetrics = z.refine((m: unknown) => Object.keys(m as object).length <= MAX_FRONT_METRICS, `at most ${MAX_FRONT_METRICS} metrics`);

export const OUTCOMES = ["success", "failure", "rollback", "partial", "pending"] as const;

const dateString = z.pipe(
  z.string(),
  readAs((v: string) => {
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v.trim());
    if (!m) return null;
    // A date that exists: `2024-13-45` and `2023-02-29` are not dates.
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (mo < 1 || mo > 12 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  }, "a date that exists (YYYY-MM-DD)"),
);

export const FrontmatterSchema = z.looseObject({
  id: z.pipe(z.union([z.string().check(z.minLength(1), z.maxLength(MAX_NAME, `an id of at most ${MAX_NAME} characters`)), z.number()]), z.transform(String)),
  title: z.string().check(z.maxLength(MAX_TITLE, `a title of at most ${MAX_TITLE} characters`)),
  old_model: modelName,
  new_model: modelName,
  update_date: z.optional(dateString),
  provider: z.optional(z.string().check(z.maxLength(MAX_NAME, `a provider of at most ${MAX_NAME} characters`))),
  tags: z.optional(z.array(asString)),
  tier: z.optional(z.int()),
  /** The currency the frontmatter's money figures are in (USD when not given). */
  currency: z.optional(z.enum(["USD", "JPY", "EUR"])),
  // `Success`, `ROLLBACK`: the word, whatever its case.
  outcome: z.optional(z.pipe(z.pipe(z.string(), z.transform((v: string) => v.trim().toLowerCase())), z.enum(OUTCOMES, { error: (iss) => `${JSON.stringify(iss.input)} is not one of ${OUTCOMES.join(", ")}` }))),
  metrics: z.optional(z.record(z.string(), oldNew).check(fewMetrics)),
  usage: z.optional(z.strictObject({ input_tokens: tokenCount, output_tokens: tokenCount })),
  self_host: z.optional(
    z.strictObject({
      capex: z.optional(money),
      opex_per_month: z.optional(money),
      gpus: z.optional(asString),
      break_even_tokens: z.optional(tokenCount),
      /** Tokens a month the hardware serves: past it another installation is needed. */
      capacity_tokens_per_month: z.optional(tokenCount),
    }),
  ),
  alternatives: z.optional(
    z
      .array(
        z.strictObject({
          model: modelName,
          price_input: z.optional(z.number()),
          price_output: z.optional(z.number()),
          metrics: z.optional(z.record(z.string(), z.number()).check(fewMetrics)),
        }),
      )
      .check(z.maxLength(MAX_ALTERNATIVES)),
  ),
});
export type Frontmatter = z.infer<typeof FrontmatterSchema>;
