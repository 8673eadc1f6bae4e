// Builds the package: a single-file bundle for the CLI (fast start-up), a worker bundle for
// batch, an ES module for the library, and type declarations for library users.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const banner = {
  // Bundled CommonJS dependencies (gray-matter) require() Node's built-in modules; give each
  // ES module chunk a require, made on first use.
  js: 'import { createRequire as __meCreateRequire } from "node:module"; let __meRequire; const require = (id) => (__meRequire ??= __meCreateRequire(import.meta.url))(id);',
};
// `--outdir DIR` builds elsewhere (the benchmark's profile builds an unminified copy there).
const outArg = process.argv.indexOf("--outdir");
const outdir = outArg === -1 ? "dist" : process.argv[outArg + 1];
const stub = (file) => fileURLToPath(new URL(`./stubs/${file}`, import.meta.url));
/**
 * markdown-it 15's build defines every Token field through a transpiler helper that converts
 * the key and checks the prototype chain on each call — a tenth of the parse time of a record.
 * Token fields are plain own properties, so a plain assignment is equivalent.
 */
const fastTokenFields = {
  name: "fast-token-fields",
  setup(b) {
    // The ES build (for the worker) and the CommonJS build (for the CLI bundle) alike.
    b.onLoad({ filter: /markdown-it[\\/]dist[\\/]markdown-it\.(mjs|cjs\.js)$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const helper = /function _defineProperty\(e, r, t\) \{[^}]*\}\) : e\[r\] = t, e;\n\}/;
      if (!helper.test(source)) throw new Error("markdown-it's _defineProperty helper changed: update scripts/build.mjs");
      return { contents: source.replace(helper, "function _defineProperty(e, r, t) {\n\te[r] = t;\n\treturn e;\n}"), loader: "js" };
    });
  },
};

/**
 * markdown-it evaluated on first use in the CLI: `import MarkdownIt from "markdown-it"` in our
 * code gets the stand-in, whose `require` of the real module esbuild turns into a call that
 * evaluates it then. The stand-in's own import is resolved as an import, so the bundle holds the
 * same build of markdown-it as before.
 */
const lazyMarkdownIt = {
  name: "lazy-markdown-it",
  setup(b) {
    b.onResolve({ filter: /^markdown-it$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      if (!args.importer.endsWith("lazy-markdown-it.cjs")) return { path: stub("lazy-markdown-it.cjs") };
      const real = await b.resolve("markdown-it", { kind: "import-statement", resolveDir: args.resolveDir, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path };
    });
  },
};

/**
 * commander loads node:child_process when it is loaded, for subcommands that are programs of
 * their own, which migrate-eval has none of: with it Node loads its network and socket modules,
 * some 3 ms. It is loaded when commander would spawn one.
 */
const commanderWithoutChildProcess = {
  name: "commander-without-child-process",
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const load = "const childProcess = require('node:child_process');";
      const uses = source.match(/childProcess\.\w+/g) ?? [];
      if (!source.includes(load) || uses.length === 0 || uses.some((u) => u !== "childProcess.spawn")) {
        throw new Error("commander's use of node:child_process changed: update scripts/build.mjs");
      }
      return { contents: source.replace(load, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), loader: "js" };
    });
  },
};

/** A hash of what the build is made from: the sources, the locked dependencies and this script. */
function buildHash() {
  const hash = createHash("sha256");
  const files = ["package-lock.json", "scripts/build.mjs", ...readdirSync("src", { recursive: true }).map((f) => `src/${f}`).filter((f) => f.endsWith(".ts"))].sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/**
 * yaml reads two debugging switches from the environment on every token (`LOG_TOKENS`) and
 * document (`LOG_STREAM`): a lookup into the process's environment each time, a sixth of the
 * time yaml spends on a record's frontmatter, and a way for an environment variable to print
 * yaml's debugging output in the middle of a report. Both are off in the bundle.
 */
const yamlWithoutDebugSwitches = {
  name: "yaml-without-debug-switches",
  setup(b) {
    b.onLoad({ filter: /yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const switches = /node_process\.env\.LOG_(TOKENS|STREAM)/g;
      if (!switches.test(source)) throw new Error(`yaml's LOG_TOKENS/LOG_STREAM switch moved in ${args.path}: update scripts/build.mjs`);
      return { contents: source.replace(switches, "false"), loader: "js" };
    });
  },
};

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  banner,
  logLevel: "warning",
  legalComments: "none",
  // `--no-minify` keeps names readable in a CPU profile.
  minify: !process.argv.includes("--no-minify"),
  // gray-matter loads js-yaml for its default engine, which migrate-eval never uses: records
  // are read with the `yaml` package. Leaving it out of the bundle saves start-up time.
  alias: { "js-yaml": stub("js-yaml.cjs") },
  plugins: [fastTokenFields, yamlWithoutDebugSwitches, commanderWithoutChildProcess],
  define: { __MIGRATE_EVAL_BUILD__: JSON.stringify(buildHash()) },
};

// Files are overwritten in place, so a test run reading dist/ never sees it missing.
await Promise.all([
  // The CLI: one CommonJS file, so bin/migrate-eval.js can run it through V8's code cache.
  // Modules it imports lazily (batch, JSON Schemas, chalk) are evaluated only when used.
  build({
    ...common,
    format: "cjs",
    // Bundled ES modules (tinyglobby's) read import.meta.url; in CommonJS it is the file's URL.
    banner: { js: 'const __meImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { ...common.define, "import.meta.url": "__meImportMetaUrl" },
    alias: { ...common.alias, "linkify-it": stub("linkify-it.mjs") },
    plugins: [...common.plugins, lazyMarkdownIt],
    // The price catalog's data is large: required from node_modules only when an option needs it.
    external: ["@pydantic/genai-prices"],
    entryPoints: { cli: "src/cli/main.ts" },
    outExtension: { ".js": ".cjs" },
    outdir,
  }),
  build({ ...common, entryPoints: { worker: "src/cli/batch-worker.ts" }, outdir }),
  // The GitHub Action's comment step (action.yml): posts or updates the pull request's comment.
  build({ ...common, entryPoints: { "action-comment": "src/action/comment-main.ts" }, outdir }),
  build({ ...common, minify: false, entryPoints: { index: "src/index.ts" }, outdir, packages: "external" }),
  // The library for CommonJS callers: `require("migrate-eval")`.
  build({
    ...common,
    minify: false,
    format: "cjs",
    banner: { js: 'const __meImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { ...common.define, "import.meta.url": "__meImportMetaUrl" },
    entryPoints: { index: "src/index.ts" },
    outExtension: { ".js": ".cjs" },
    outdir,
    packages: "external",
  }),
]);
if (outdir !== "dist") process.exit(0);
// Left by builds of earlier layouts.
rmSync("dist/chunks", { recursive: true, force: true });
rmSync("dist/cli.js", { force: true });
// A code cache made by running the CLI once: later runs skip compiling what this run compiled.
execFileSync(process.execPath, ["bin/migrate-eval.js", "compare", "examples/qwen-replaces-llama.md"], {
  env: { ...process.env, MIGRATE_EVAL_WRITE_CODE_CACHE: "1", NO_COLOR: "1" },
  stdio: "ignore",
});
if (!process.argv.includes("--no-types")) {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
