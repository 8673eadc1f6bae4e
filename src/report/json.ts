/** The JSON report: exactly what `evaluate` returns. */
import type { Report } from "./schema.js";

export function renderJson(r: Report): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
