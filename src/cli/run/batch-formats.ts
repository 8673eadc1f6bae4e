export const BATCH_FORMATS = ["table", "json", "ndjson", "markdown", "junit", "sarif", "github"] as const;
