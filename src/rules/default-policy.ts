/**
 * The built-in policy: migrate when the retry-adjusted cost falls at least 20 % and quality
 * rises at least 5 points, with warnings for latency, errors, task success and prompt
 * compatibility that never change the verdict.
 */
import { deepFreeze } from "./freeze.js";
import type { Policy } from "./schema.js";

/** Frozen: a caller that changed it would change every later evaluation. */
export const defaultPolicy: Policy = deepFreeze({
  version: 1,
  amortization_months: 36,
  max_attempts: null,
  rules: [
    {
      id: "cost-reduction",
      description: "retry-adjusted monthly cost falls at least 20 %",
      severity: "required",
      metric: "cost.retry_adjusted",
      change_pct: { max: -20 },
    },
    {
      id: "quality-gain",
      description: "task success or the benchmark mean rises at least 5 points",
      severity: "required",
      any: [
        { metric: "task_success", change_pp: { min: 5 } },
        { metric: "benchmarks.mean", change_pp: { min: 5 } },
      ],
    },
    { id: "p95-latency", description: "candidate p95 latency at most 3 s", severity: "warning", metric: "latency_p95", candidate: { max: 3 } },
    { id: "error-rate", description: "candidate error rate at most 1 %", severity: "warning", metric: "error_rate", candidate: { max: 1 } },
    { id: "task-success-floor", description: "candidate task success at least 80 %", severity: "warning", metric: "task_success", candidate: { min: 80 } },
    { id: "prompt-compatibility", description: "at least 90 % of prompts work unchanged", severity: "warning", metric: "prompt_compat", candidate: { min: 90 } },
  ],
});
