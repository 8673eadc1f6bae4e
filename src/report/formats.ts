/** The names of the report formats, without loading the renderers (for flag parsing). */
export const REPORT_FORMAT_NAMES = ["table", "json", "markdown", "junit", "html", "sarif", "github"] as const;
export type ReportFormat = (typeof REPORT_FORMAT_NAMES)[number];
