/**
 * Findings are data: a code, its arguments and a line. All wording lives in MESSAGES, typed so
 * that a new code without text does not compile.
 */
import { cleanInline } from "./quantity/text.js";

type Args = Record<string, string | number | null | undefined>;

const MESSAGES = {
  // errors: the record cannot be used
  "file-too-large": (a: Args) => `file is ${a.size} bytes; files larger than ${a.limit} bytes are refused`,
  "file-empty": () => "file is empty",
  "file-binary": () => "file is binary, not a markdown record",
  "file-unreadable": (a: Args) => `cannot read file: ${a.reason}`,
  "invalid-utf8": () => "file is not valid UTF-8 text",
  "no-frontmatter": () => "no YAML frontmatter: a record starts with a line `---`",
  "frontmatter-unclosed": () => "frontmatter is not closed by a line `---`",
  "frontmatter-language": (a: Args) => `frontmatter language "${a.language}" is refused; only YAML is read`,
  "frontmatter-too-large": (a: Args) => `frontmatter is larger than ${a.limit} bytes`,
  "yaml-syntax": (a: Args) => `YAML: ${a.reason}`,
  "yaml-tag": (a: Args) => `YAML tag ${a.tag} is refused: frontmatter is plain data`,
  "yaml-aliases": () => "YAML uses too many aliases (alias expansion is bounded)",
  "yaml-too-deep": () => "YAML is nested too deeply",
  "frontmatter-not-map": () => "frontmatter must be a map of keys to values",
  "frontmatter-invalid": (a: Args) => `${a.reason}`,
  "policy-invalid": (a: Args) => `policy: ${a.reason}`,
  // warnings: the record is usable, something in it was not
  "unsafe-key": (a: Args) => `key "${a.key}" is ignored: it could alter object prototypes`,
  "unreadable-value": (a: Args) => (a.reason ? `"${a.text}" is not read: ${a.reason}` : `cannot read a value for "${a.label}" from "${a.text}"`),
  "out-of-range": (a: Args) => (a.min === null ? `${a.label}: ${a.value}; ignored` : `${a.label} = ${a.value} is outside the plausible range ${a.min}–${a.max}; ignored`),
  "frontmatter-body-mismatch": (a: Args) =>
    `${a.label} for ${a.model}: frontmatter says ${a.front} (line ${a.frontLine}), body says ${a.body} (line ${a.bodyLine}); using the frontmatter`,
  "unknown-metric-key": (a: Args) => `frontmatter metric "${a.key}" is not in the registry; kept as a neutral metric`,
  "truncated-table": (a: Args) => `table has ${a.columns} columns; only the first ${a.limit} are read`,
  "too-many-findings": (a: Args) => `more than ${a.limit} warnings; the rest are not listed`,
  "too-many-models": (a: Args) => `the record names more than ${a.limit} models; the rest are ignored`,
  "unknown-frontmatter-key": (a: Args) => `frontmatter key "${a.key}" is not one migrate-eval reads; did you mean "${a.near}"?`,
  "too-many-metrics": (a: Args) => `${a.model} has more than ${a.limit} metrics; the rest are not read`,
  "too-many-claims": (a: Args) => `the record states more than ${a.limit} results; the rest are not audited`,
  "line-too-long": (a: Args) => `line is longer than ${a.limit} characters; not read`,
  "cell-too-long": (a: Args) => `table cell is longer than ${a.limit} characters; only the start is read`,
  "yaml-cycle": () => "YAML alias refers to the node that contains it",
  "refused-value": (a: Args) => `${a.label} of ${a.model}: "${a.text}" is not read: ${a.reason}`,
  "range-value": (a: Args) => `${a.label} of ${a.model}: "${a.text}" is a range; it is kept as one and not used as a single figure`,
  "conflicting-value": (a: Args) => `${a.label} of ${a.model}: "${a.text}" differs from ${a.first} (line ${a.firstLine}); keeping line ${a.firstLine}`,
  "ambiguous-label": (a: Args) => `"${a.label}" names ${a.names} equally; not read`,
  "ambiguous-model": (a: Args) => `"${a.text}": which model this figure belongs to cannot be told (${a.reason}); not read`,
  "self-host-incomplete": (a: Args) => `self-hosting: no ${a.missing} stated, so there is no break-even`,
  "usage-unpriced": (a: Args) => `usage of ${a.count} ${a.unit}s a month is left out of the cost: ${a.reason}`,
  "currency-mismatch": (a: Args) => `${a.what} in ${a.a} (line ${a.lineA}) and ${a.b} (line ${a.lineB}): no exchange rate (--fx ${a.b}=…), so ${a.consequence}`,
  "currency-converted": (a: Args) => `${a.model}'s prices in ${a.from} are converted to ${a.to} at ${a.rate} (USD per unit: ${a.rates})`,
  "usage-total-only": (a: Args) => `usage is a total of ${a.total} tokens a month with no input/output split, and input and output prices differ for ${a.model}: its cost is unknown`,
  // calculations
  "missing-price": (a: Args) => `no ${a.side} price for ${a.model}: its cost is unknown`,
  "no-usage": () => "no usage (flag, record or policy): cost figures are unknown",
  "retry-one-sided": (a: Args) =>
    `attempts are known only for ${a.model}: retry adjustment is not possible, both sides use 1 attempt`,
  "retry-assumed": () => "no attempts or success rate for either model: 1 attempt per task assumed",
  "zero-baseline": (a: Args) => `${a.label}: baseline is 0, no percentage change`,
  "zero-success-rate": (a: Args) => `${a.model}: success rate is 0, attempts cannot be derived`,
  "self-host-no-price": () =>
    "self-hosting: no blended API price for the candidate (a price is missing, or there is no usage to weigh input against output), so break-even is unknown",
  "audit-mismatch": (a: Args) => `the record states ${a.stated} for ${a.claim}, the figures give ${a.computed}`,
} as const;

export type FindingCode = keyof typeof MESSAGES;

export interface Finding {
  code: FindingCode;
  message: string;
  line: number | null;
}

/**
 * Messages quote record text: one line, nothing a terminal acts on, and no half of a character
 * (a lone surrogate) that JSON would carry as an unpaired escape.
 */
export function finding(code: FindingCode, args: Args = {}, line: number | null = null): Finding {
  return { code, message: wellFormed(cleanInline(MESSAGES[code](args))), line };
}

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Lone surrogates as U+FFFD. */
export function wellFormed(text: string): string {
  return /[\ud800-\udfff]/.test(text) ? text.replace(LONE, "\ufffd") : text;
}

/** An error that keeps its file, for reporting as `file:line: message`. */
export interface RecordError extends Finding {
  file: string;
}

/** `file:line: message` on one line, with nothing in it that a terminal would act on. */
export function formatError(e: { file: string; line: number | null; message: string }): string {
  const text = e.line === null ? `${e.file}: ${e.message}` : `${e.file}:${e.line}: ${e.message}`;
  return cleanInline(text);
}

export const MAX_WARNINGS = 200;
