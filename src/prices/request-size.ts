/** The input tokens of one request, which picks a tier where a catalog price depends on it. */
import type { LoadedRecord } from "../record/schema.js";

export interface RequestSize {
  tokens: number | null;
  /** `--request-tokens`, the record's usage over its requests, or nothing known. */
  source: "flag" | "record" | "none";
}

/** The flag's, else the record's input tokens a month over its requests a month. */
export function requestSize(record: LoadedRecord, o: { requestTokens?: number | null }): RequestSize {
  if (o.requestTokens !== undefined && o.requestTokens !== null) return { tokens: o.requestTokens, source: "flag" };
  const requests = record.usage?.units?.find((u) => u.unit === "request")?.count ?? null;
  const input = record.usage?.inputTokens ?? null;
  if (requests && input !== null && requests > 0) return { tokens: Math.round(input / requests), source: "record" };
  return { tokens: null, source: "none" };
}
