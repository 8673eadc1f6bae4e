/** Output formats for one report, registered by name: a new format is one file and one line. */
import type { Report } from "./schema.js";
import type { Style } from "./style.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderTable } from "./table.js";
import type { ReportFormat } from "./formats.js";

export const REPORT_FORMATS = {
  table: renderTable,
  json: renderJson,
  markdown: renderMarkdown,
  junit: renderJunit,
} satisfies Record<ReportFormat, (r: Report, style: Style) => string>;


