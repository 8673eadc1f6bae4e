/** migrate-eval's library API: the CLI is a thin shell over these. */
export { parseRecord, MAX_RECORD_BYTES, type LoadResult } from "./record/parse.js";
export { loadRecord, loadRecordSync } from "./record/load.js";
export { evaluate, type EvaluateOptions } from "./evaluate.js";
export { analyze, BaselineError, type Analysis, type AnalyzeOptions } from "./calc/analyze.js";
export { defaultPolicy } from "./rules/default-policy.js";
export { parsePolicy, type PolicyResult } from "./rules/parse-policy.js";
export { PolicySchema, type Policy, type PolicyInput, type Rule, type RuleResult } from "./rules/schema.js";
export { ReportSchema, type Report } from "./report/schema.js";
export { BacktestSchema, type Backtest } from "./report/backtest-schema.js";
export { RecordSchema, type LoadedRecord, type Claim, type ModelData, type MetricValue } from "./record/schema.js";
export { FrontmatterSchema, type Frontmatter } from "./record/frontmatter-schema.js";
export { METRICS, type MetricDef, type MetricKind, type Direction } from "./record/registry/metrics.js";
export { Registry, defaultRegistry, keyForLabel } from "./record/registry/labels.js";
export { foldName } from "./record/read/names.js";
export { parseQuantity, type QuantityResult } from "./record/quantity/value.js";
export type { Quantity, Dimension } from "./record/quantity/quantity.js";
export { formatError, type Finding, type RecordError } from "./record/findings.js";
export { wilson, newcombe } from "./calc/noise.js";
