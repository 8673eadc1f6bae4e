/** Says once, before any test runs, which tests are skipped because the shared seed is absent. */
import { HAS_SEED, SEED } from "./helpers.js";

export default function setup(): void {
  if (!HAS_SEED) {
    process.stdout.write(`migrate-eval tests: ${SEED} is not beside this clone, so the tests that read the shared seed record are skipped (they run in CI)\n`);
  }
}
