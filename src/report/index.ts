/**
 * Output formats for one report, registered by name: a new format is one file and one line.
 * Each renderer is loaded when asked for, so `--format json` does not load the table code.
 */
import type { ReportFormat } from "./formats.js";
import type { Report } from "./schema.js";
import type { Style } from "./style.js";

type Renderer = (r: Report, style: Style) => string;

export const REPORT_FORMATS = {
  table: async () => (await import("./table.js")).renderTable,
  json: async () => (await import("./json.js")).renderJson,
  markdown: async () => (await import("./markdown.js")).renderMarkdown,
  html: async () => (await import("./html.js")).renderHtml,
  junit: async () => { const { renderJunit } = await import("./junit.js"); return (r: Report) => renderJunit(r); },
} satisfies Record<ReportFormat, () => Promise<Renderer>>;
