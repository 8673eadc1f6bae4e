/**
 * What build of migrate-eval is running: its version and a hash of the sources and locked
 * dependencies it was built from (set by scripts/build.mjs). Cached results are kept per build,
 * so a changed build never reuses a result. Run from source there is no build hash, and the
 * identity is new on every run.
 */
import { VERSION } from "../version.js";

declare const __MIGRATE_EVAL_BUILD__: string | undefined;

export const BUILD_ID = typeof __MIGRATE_EVAL_BUILD__ === "string" ? `${VERSION}+${__MIGRATE_EVAL_BUILD__}` : `${VERSION}+source.${process.pid}.${Date.now()}`;
