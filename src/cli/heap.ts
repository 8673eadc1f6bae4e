/**
 * A full collection on demand, where V8 gives one: a batch's threads hand over report bytes and
 * make garbage faster than V8, which puts off full collections while the heap is far from its
 * limit, frees it — memory would grow with the number of records.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let found: (() => void) | null = null;

/** Collects now; where V8 does not expose `gc`, it does nothing and leaves collection to V8. */
export function collectGarbage(): void {
  if (found === null) {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
    found = typeof gc === "function" ? (gc as () => void) : () => {};
  }
  found();
}
