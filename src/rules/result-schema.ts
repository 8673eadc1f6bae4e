/** The result of one rule, as the JSON report carries it. */
import * as z from "zod";

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
