/**
 * The folder of the running CLI bundle (dist/). The CLI ships as one CommonJS file, where
 * `__dirname` is set; run from source (in tests) it is an ES module, where it is not.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

export function distDir(): string {
  if (typeof __dirname === "string") return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}
