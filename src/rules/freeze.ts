/** Freezes a policy (or any plain data) all the way down. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Whether a value is frozen all the way down: only such a policy can be checked once and kept. */
export function isDeepFrozen(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== "object") return true;
  if (!Object.isFrozen(value) || depth > 32) return false;
  return Object.values(value).every((v) => isDeepFrozen(v, depth + 1));
}
