export const BATCH_FORMATS = ["table", "json", "ndjson", "markdown"] as const;
