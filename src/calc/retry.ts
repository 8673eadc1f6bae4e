/**
 * Attempts per task, for the retry-adjusted cost. Stated attempts come first; else they are
 * derived from the task success rate p: 1/p attempts until success, or (1 − (1 − p)^k)/p when
 * at most k attempts are made. A side with neither has no figure.
 */
import { own } from "../record/own.js";
import type { ModelData } from "../record/schema.js";
import { finite } from "./delta.js";

export interface Attempts {
  attempts: number;
  source: "stated" | "success_rate";
}

export function attemptsFromSuccessRate(p: number, maxAttempts: number | null): number | null {
  if (!(p > 0) || p > 1) return null;
  if (maxAttempts === null) return finite(1 / p);
  return finite((1 - (1 - p) ** maxAttempts) / p);
}

/** Returns null when the model has neither attempts nor a success rate, or a 0 % success rate. */
export function attemptsFor(model: ModelData, maxAttempts: number | null): Attempts | null {
  const stated = own(model.metrics, "attempts");
  if (stated) return { attempts: stated.value, source: "stated" };
  const success = own(model.metrics, "task_success");
  if (!success) return null;
  const derived = attemptsFromSuccessRate(success.value / 100, maxAttempts);
  return derived === null ? null : { attempts: derived, source: "success_rate" };
}
