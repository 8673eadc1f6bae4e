#!/usr/bin/env node
// Runs the CLI bundle through V8's code cache: the bytecode compiled on an earlier run is
// reused, which saves a large part of start-up. A cache made by another Node version is
// rejected by V8 and the bundle is simply compiled again.
// CommonJS (bin/package.json): an ES module entry point would start Node's ES module loader,
// which costs a run some 8 ms of CPU before the first line of ours.
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");

const dist = join(__dirname, "..", "dist");
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
const cli = { exports: {} };
script.runInThisContext()(cli.exports, Module.createRequire(file), cli, file, dist);
