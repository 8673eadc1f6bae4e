export const BATCH_FORMATS = ["table", "json", "ndjson", "markdown", "junit"] as const;
