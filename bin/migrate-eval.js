#!/usr/bin/env node
// Runs the CLI bundle through V8's code cache: the bytecode compiled on an earlier run is
// reused, which saves a large part of start-up. A cache made by another Node version is
// rejected by V8 and the bundle is simply compiled again.
import { readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const file = join(dist, "cli.cjs");
const cacheFile = join(dist, `cli.${process.version}.cache`);
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache yet: compile as usual
}
const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
if (process.env.MIGRATE_EVAL_WRITE_CODE_CACHE === "1") {
  // Written when the run ends, so the functions it compiled on the way are in the cache.
  process.once("beforeExit", () => writeFileSync(cacheFile, script.createCachedData()));
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dist);
