/**
 * Output formats for one report, registered by name: a new format is one file and one line.
 * Each renderer is loaded when asked for, so `--format json` does not load the table code.
 */
import type { ReportFormat } from "./formats.js";
import type { Report } from "./schema.js";
import type { Style } from "./style.js";

/** What a renderer may need besides the report: the working directory that paths are relative to. */
export interface RenderContext {
  cwd: string;
}

type Renderer = (r: Report, style: Style, context: RenderContext) => string;

export const REPORT_FORMATS = {
  table: async () => (await import("./table.js")).renderTable,
  json: async () => (await import("./json.js")).renderJson,
  markdown: async () => (await import("./markdown.js")).renderMarkdown,
  html: async () => (await import("./html.js")).renderHtml,
  junit: async () => { const { renderJunit } = await import("./junit.js"); return (r: Report) => renderJunit(r); },
  sarif: async () => {
    const [{ renderSarif }, { reportFindings }, { VERSION }] = await Promise.all([import("./sarif.js"), import("./findings.js"), import("../version.js")]);
    return (r: Report, _s: Style, c: RenderContext) => renderSarif(reportFindings(r), { cwd: c.cwd, version: VERSION });
  },
  github: async () => {
    const [{ renderGithub }, { reportFindings }] = await Promise.all([import("./github.js"), import("./findings.js")]);
    return (r: Report, _s: Style, c: RenderContext) => renderGithub(reportFindings(r), [r], c.cwd);
  },
} satisfies Record<ReportFormat, () => Promise<Renderer>>;
