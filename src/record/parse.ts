/**
 * parseRecord: text in, a typed record or its errors out. Never throws for bad input.
 */
import { own } from "./own.js";
import { MAX_LINE_CHARS, toBlocks } from "./blocks.js";
import { createBuilder, findModel, modelFor, warn, type Builder } from "./read/builder.js";
import { finding, MAX_WARNINGS, type Finding, type RecordError } from "./findings.js";
import { splitFrontmatter, type SplitRecord } from "./frontmatter.js";
import { readLine } from "./read/lines.js";
import { safeParse } from "zod/mini";
import { FrontmatterSchema, type Frontmatter } from "./frontmatter-schema.js";
import type { LoadedRecord } from "./schema.js";
import { readTable } from "./read/tables.js";
import { issuesToErrors } from "./schema-issues.js";
import { Buffer, isUtf8 } from "node:buffer";
import { clip, cleanInline, cleanPath } from "./quantity/text.js";
import { closest } from "./suggest.js";
import { decimalMarkOf } from "./quantity/number.js";
import { defaultRegistry, readLabel, slugOf, type Registry } from "./registry/labels.js";
import { plausible } from "./read/conform.js";
import { foldName } from "./read/names.js";
import { lineState } from "./read/state.js";
import type { Currency } from "./quantity/lexicon.js";

export type LoadResult = { ok: true; record: LoadedRecord } | { ok: false; errors: RecordError[] };

export const MAX_RECORD_BYTES = 5 * 1024 * 1024;
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const fail = (file: string, ...findings: Finding[]): LoadResult => ({
  ok: false,
  errors: findings.map((f) => ({ ...f, file })),
});

/** Copies plain data without keys that could reach a prototype, noting each one dropped. */
export function sanitize(value: unknown, path: string[], dropped: string[][]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => sanitize(v, [...path, String(i)], dropped));
  // Frontmatter values are one-line facts (names, ids, titles): a line break in one could forge
  // a line of the report.
  if (typeof value === "string") return cleanInline(value);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [raw, v] of Object.entries(value)) {
    // Cleaned first: `__pro\u200bto__` is `__proto__` once its invisible character is gone.
    const k = cleanInline(raw);
    if (UNSAFE_KEYS.has(k) || UNSAFE_KEYS.has(raw)) dropped.push([...path, k]);
    else out[k] = sanitize(v, [...path, raw], dropped);
  }
  return out;
}

function validate(split: SplitRecord, file: string): { fm: Frontmatter; warnings: Finding[] } | RecordError[] {
  const dropped: string[][] = [];
  const data = sanitize(split.data, [], dropped);
  const warnings = dropped.slice(0, MAX_WARNINGS).map((p) => finding("unsafe-key", { key: p.join(".").slice(0, 80) }, split.lineOf(p)));
  const parsed = safeParse(FrontmatterSchema, data);
  if (parsed.success && foldName(parsed.data.old_model) === foldName(parsed.data.new_model)) {
    const reason = `old_model and new_model both name "${parsed.data.new_model}": a record compares two models`;
    return [{ ...finding("frontmatter-invalid", { reason, path: "new_model" }, split.lineOf(["new_model"])), file }];
  }
  if (parsed.success) return { fm: parsed.data, warnings: [...warnings, ...nearKeys(data, split.lineOf)] };
  return issuesToErrors(parsed.error.issues, data, split.lineOf, "frontmatter-invalid", file);
}

/** The keys a record's frontmatter is read for. Other keys are the team's own and kept quietly. */
const KNOWN_KEYS = Object.keys(FrontmatterSchema.shape);

/** `outcom:`, `new_modle:`: a key one slip from a known one is a warning, so the record does not quietly lose it. */
function nearKeys(data: unknown, lineOf: SplitRecord["lineOf"]): Finding[] {
  if (data === null || typeof data !== "object") return [];
  const out: Finding[] = [];
  for (const key of Object.keys(data)) {
    // Short keys and keys that begin differently are the team's own (`kid`, `team`), not slips.
    if (KNOWN_KEYS.includes(key) || key.length < 4) continue;
    const near = closest(key, KNOWN_KEYS.filter((k) => k[0] === key[0]!.toLowerCase()));
    if (near && out.length < 20) out.push(finding("unknown-frontmatter-key", { key: clip(key, 60), near }, lineOf([key])));
  }
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function setFrontValue(b: Builder, modelName: string, key: string, value: number, line: number | null, currency: Currency, role?: "alternative"): void {
  const model = role ? modelFor(b, modelName) : findModel(b, modelName)!;
  const def = b.registry.byKeyOf(key);
  const k = def ? key : slugOf(readLabel(key));
  if (!def) {
    if (!Object.hasOwn(b.metricInfo, k)) warn(b, "unknown-metric-key", { key }, line);
    if (!Object.hasOwn(b.metricInfo, k)) b.metricInfo[k] = { label: key, unit: "number", direction: "neutral", kind: "number" };
  }
  const money = def?.kind === "price" || def?.kind === "unit_price" || def?.kind === "money";
  // The bounds a figure in the body has (range, and the floor below which a price is per 1K or per
  // token written as per 1M): a structured value is no more trusted than a written one.
  const bad = def ? plausible(def, value, money ? currency : null) : null;
  if (bad) {
    warn(b, "out-of-range", { label: def!.name, value: bad, min: null }, line);
    return;
  }
  const body = own(model.metrics, k);
  if (body && body.source === "body" && !same(body.value, value)) {
    warn(b, "frontmatter-body-mismatch", {
      label: def?.name ?? key, model: model.name, front: value, frontLine: line, body: body.value, bodyLine: body.line,
    }, line);
  }
  model.metrics[k] = { value, line, source: "frontmatter", text: null, currency: money ? currency : null };
}

function mergeFrontmatter(b: Builder, fm: Frontmatter, lineOf: SplitRecord["lineOf"]): void {
  const currency: Currency = fm.currency ?? "USD";
  for (const [key, pair] of Object.entries(fm.metrics ?? {})) {
    if (pair.old !== undefined) setFrontValue(b, b.oldModel, key, pair.old, lineOf(["metrics", key, "old"]), currency);
    if (pair.new !== undefined) setFrontValue(b, b.newModel, key, pair.new, lineOf(["metrics", key, "new"]), currency);
  }
  (fm.alternatives ?? []).forEach((alt, i) => {
    const at = (k: string) => lineOf(["alternatives", i, k]);
    if (alt.price_input !== undefined) setFrontValue(b, alt.model, "price_input", alt.price_input, at("price_input"), currency, "alternative");
    if (alt.price_output !== undefined) setFrontValue(b, alt.model, "price_output", alt.price_output, at("price_output"), currency, "alternative");
    for (const [key, value] of Object.entries(alt.metrics ?? {})) {
      setFrontValue(b, alt.model, key, value, lineOf(["alternatives", i, "metrics", key]), currency, "alternative");
    }
    modelFor(b, alt.model);
  });
  if (fm.usage) {
    const line = lineOf(["usage"]);
    const body = b.usage;
    if (body && body.inputTokens !== null && body.outputTokens !== null && (!same(body.inputTokens, fm.usage.input_tokens) || !same(body.outputTokens, fm.usage.output_tokens))) {
      warn(b, "frontmatter-body-mismatch", {
        label: "usage", model: "the record", front: `${fm.usage.input_tokens}:${fm.usage.output_tokens}`, frontLine: line,
        body: `${body.inputTokens}:${body.outputTokens}`, bodyLine: body.line,
      }, line);
    }
    b.usage = { inputTokens: fm.usage.input_tokens, outputTokens: fm.usage.output_tokens, totalTokens: null, units: body?.units ?? [], line, source: "frontmatter" };
  }
  const sh = fm.self_host;
  if (sh) {
    const pick = <T extends { value: string | number; line: number | null }>(front: string | number | undefined, key: string, body: T | null, extra: Omit<T, "value" | "line">): T | null => {
      if (front === undefined) return body;
      const line = lineOf(["self_host", key]);
      const differs = body !== null && (typeof front === "number" ? !same(front, body.value as number) : front !== body.value);
      if (differs) {
        warn(b, "frontmatter-body-mismatch", { label: `self_host.${key}`, model: "self-hosting", front, frontLine: line, body: body!.value, bodyLine: body!.line }, line);
      }
      return { ...extra, value: front, line } as unknown as T;
    };
    b.selfHost = {
      ...b.selfHost,
      capex: pick(sh.capex, "capex", b.selfHost.capex, { currency }),
      opexPerMonth: pick(sh.opex_per_month, "opex_per_month", b.selfHost.opexPerMonth, { currency }),
      gpus: pick(sh.gpus, "gpus", b.selfHost.gpus, { count: b.selfHost.gpus?.count ?? null }),
      statedBreakEvenTokensPerMonth: pick(sh.break_even_tokens, "break_even_tokens", b.selfHost.statedBreakEvenTokensPerMonth, {}),
      capacityTokensPerMonth: pick(sh.capacity_tokens_per_month, "capacity_tokens_per_month", b.selfHost.capacityTokensPerMonth ?? null, {}),
    };
  }
}

function prepare(text: string): string | Finding {
  // A character is at most 3 bytes in UTF-8 (4 for a surrogate pair, which is 2 characters).
  if (text.length * 3 > MAX_RECORD_BYTES) {
    const size = Buffer.byteLength(text, "utf8");
    if (size > MAX_RECORD_BYTES) return finding("file-too-large", { size, limit: MAX_RECORD_BYTES });
  }
  if (text.trim() === "") return finding("file-empty");
  if (text.includes("\u0000")) return finding("file-binary");
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes("\r") ? noBom.replace(/\r\n?/g, "\n") : noBom;
}

export interface ParseOptions {
  /** The metrics to read with: the built-in registry, or one a policy extended. */
  registry?: Registry;
}

/**
 * Never throws: text (or UTF-8 bytes) in, a record or errors with their lines out. Anything else a
 * caller passes — `null`, a number — is an error too.
 */
export function parseRecord(input: string | Uint8Array, path = "<input>", options: ParseOptions = {}): LoadResult {
  const file = cleanPath(typeof path === "string" ? path : "<input>");
  let text: string;
  if (typeof input === "string") text = input;
  else if (input instanceof Uint8Array) {
    if (input.length === 0) return fail(file, finding("file-empty"));
    if (!isUtf8(input)) return fail(file, finding("invalid-utf8"));
    text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("utf8");
  } else return fail(file, finding("file-unreadable", { reason: `not text: parseRecord takes a string or UTF-8 bytes, got ${input === null ? "null" : typeof input}` }));
  const prepared = prepare(text);
  if (typeof prepared !== "string") return fail(file, prepared);
  const split = splitFrontmatter(prepared);
  if ("code" in split) return fail(file, split);
  const checked = validate(split, file);
  if (Array.isArray(checked)) return { ok: false, errors: checked };
  const { fm, warnings } = checked;

  const b = createBuilder(fm.old_model, fm.new_model, options.registry ?? defaultRegistry(), { decimal: decimalMarkOf(split.body) });
  b.warnings.push(...warnings);
  // The frontmatter's other models are known by name before the body is read.
  for (const alt of fm.alternatives ?? []) modelFor(b, alt.model);
  const state = lineState();
  for (const block of toBlocks(split.body, split.bodyOffset)) {
    if (block.kind === "table") readTable(b, state, block);
    else if (block.kind === "long") warn(b, "line-too-long", { limit: MAX_LINE_CHARS }, block.line);
    else readLine(b, state, block);
  }
  mergeFrontmatter(b, fm, split.lineOf);
  // A model named in passing, with no figure of its own, is not a model the record compares.
  const declared = new Set((fm.alternatives ?? []).map((a) => a.model));
  const claimed = new Set(b.claims.map((c) => c.subject));
  b.models = b.models.filter((m) => m.role !== "alternative" || Object.keys(m.metrics).length > 0 || declared.has(m.name) || claimed.has(m.name));
  const sh = b.selfHost;
  const hasSelfHost = sh.capex !== null || sh.opexPerMonth !== null || sh.gpus !== null || sh.statedBreakEvenTokensPerMonth !== null;
  if (hasSelfHost && (sh.capex === null) !== (sh.opexPerMonth === null)) {
    const line = sh.capex?.line ?? sh.opexPerMonth?.line ?? null;
    warn(b, "self-host-incomplete", { missing: sh.capex === null ? "capex (an up-front cost)" : "opex (a running cost per month or year)" }, line);
  }

  return {
    ok: true,
    record: {
      file,
      id: fm.id,
      title: fm.title,
      oldModel: fm.old_model,
      newModel: fm.new_model,
      updateDate: fm.update_date ?? null,
      provider: fm.provider ?? null,
      tags: fm.tags ?? [],
      tier: fm.tier ?? null,
      outcome: fm.outcome ?? null,
      currency: fm.currency ?? null,
      models: b.models,
      metricInfo: b.metricInfo,
      usage: b.usage,
      selfHost: hasSelfHost ? sh : null,
      ranges: b.ranges,
      readings: b.readings,
      samples: b.samples,
      claims: b.claims,
      warnings: b.warnings,
    },
  };
}
