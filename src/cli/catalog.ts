/**
 * The price catalog for the CLI: required from node_modules when an option needs it. The CLI
 * bundle runs in a vm script, which cannot `import()`; the package's CommonJS build is the same data.
 */
import { createRequire } from "node:module";
import { loadCatalog, type Catalog, type PackageApi } from "../prices/catalog.js";

export function cliCatalog(): Promise<Catalog> {
  return loadCatalog(async () => createRequire(import.meta.url)("@pydantic/genai-prices") as PackageApi);
}
