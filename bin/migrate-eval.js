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
const { setFlagsFromString } = require("node:v8");
const { Script } = require("node:vm");

// A record is read with some 150 regular expressions, most run a few times. V8 first compiles
// each to bytecode and, on its second run, again to machine code: a third of the time a record
// takes to read in a fresh process. Compiled to machine code at once, each is compiled once; the
// matches are the same. Set before the bundle is compiled, since the code cache is made, and
// checked, under the flags in force (the build makes it through this file).
setFlagsFromString("--no-regexp-tier-up");

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
