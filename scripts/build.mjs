// Builds the package: a single-file bundle for the CLI (fast start-up), an ES module for the
// library, and type declarations for library users.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

const banner = {
  // Bundled CommonJS dependencies (gray-matter) call require(); give the ES module one.
  js: 'import { createRequire as __meCreateRequire } from "node:module"; const require = __meCreateRequire(import.meta.url);',
};
const common = { bundle: true, platform: "node", format: "esm", target: "node20", banner, logLevel: "warning", legalComments: "none" };

rmSync("dist", { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: { cli: "src/cli/main.ts", worker: "src/cli/batch-worker.ts" }, outdir: "dist", splitting: false }),
  build({ ...common, entryPoints: { index: "src/index.ts" }, outdir: "dist", packages: "external" }),
]);
if (!process.argv.includes("--no-types")) {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
