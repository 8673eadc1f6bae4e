// Builds the package: a single-file bundle for the CLI (fast start-up), a worker bundle for
// batch, an ES module for the library, and type declarations for library users.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const banner = {
  // Bundled CommonJS dependencies (gray-matter) require() Node's built-in modules; give each
  // ES module chunk a require, made on first use.
  js: 'import { createRequire as __meCreateRequire } from "node:module"; let __meRequire; const require = (id) => (__meRequire ??= __meCreateRequire(import.meta.url))(id);',
};
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
  plugins: [fastTokenFields],
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
    define: { "import.meta.url": "__meImportMetaUrl" },
    alias: { ...common.alias, "linkify-it": stub("linkify-it.mjs") },
    entryPoints: { cli: "src/cli/main.ts" },
    outExtension: { ".js": ".cjs" },
    outdir: "dist",
  }),
  build({ ...common, entryPoints: { worker: "src/cli/batch-worker.ts" }, outdir: "dist" }),
  // The GitHub Action's comment step (action.yml): posts or updates the pull request's comment.
  build({ ...common, entryPoints: { "action-comment": "src/action/comment-main.ts" }, outdir: "dist" }),
  build({ ...common, minify: false, entryPoints: { index: "src/index.ts" }, outdir: "dist", packages: "external" }),
  // The library for CommonJS callers: `require("migrate-eval")`.
  build({
    ...common,
    minify: false,
    format: "cjs",
    banner: { js: 'const __meImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "__meImportMetaUrl" },
    entryPoints: { index: "src/index.ts" },
    outExtension: { ".js": ".cjs" },
    outdir: "dist",
    packages: "external",
  }),
]);
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
