/**
 * The unit grammar: reads one quantity as records write it (`$0.20/1M tokens`, `平均 1.5秒`,
 * `850ms`, `128,000 tokens`, `47B params`, `3.2/5`, `1.9回`, `約60%`) and converts it to the
 * unit a metric is kept in. Every pattern here is anchored and free of nested quantifiers, so
 * a hostile line costs time linear in its length.
 */
import type { Unit } from "./metrics.js";

export type QuantityKind =
  | "percent"
  | "points"
  | "usd_per_mtok"
  | "usd"
  | "score"
  | "seconds"
  | "tokens"
  | "params"
  | "attempts"
  | "times"
  | "plain";

export type Qualifier = "mean" | "p95" | "approx";

export interface Quantity {
  /** In the kind's base unit: seconds, USD per 1M tokens, tokens, parameters, a score of 5. */
  value: number;
  kind: QuantityKind;
  /** Whether the number carried an explicit `+` or `-`. */
  signed: boolean;
  /** Digits after the decimal point as written: the figure's own rounding. */
  decimals: number;
  /** The size of one unit of the last written digit, in the base unit (`140M` → 1e6). */
  step: number;
  qualifiers: Qualifier[];
  /** Characters of the (normalised) input the quantity used. */
  length: number;
}

/**
 * Control characters and bidirectional overrides: never part of a record's meaning, and in a
 * terminal or a pull-request comment they can rewrite what a reader sees.
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControls(text: string): string {
  return text.replace(CONTROLS, "");
}

/** Full-width digits and punctuation to ASCII, minus signs to `-`, bold markers dropped. */
export function normalizeText(text: string): string {
  return stripControls(text)
    .normalize("NFKC")
    .replace(/\*\*|__/g, "")
    .replace(/[−–‐‑]/g, "-")
    .replace(/\u00a0/g, " ");
}

const QUALIFIERS: ReadonlyArray<[RegExp, Qualifier]> = [
  [/^(?:約|およそ|about|approx\.?|approximately|around|~|≈)\s*/i, "approx"],
  [/^(?:p95|95パーセンタイル|95th percentile|95%ile)\s*[:=]?\s*/i, "p95"],
  [/^(?:平均|mean|average|avg\.?)\s*[:=]?\s*/i, "mean"],
];

const NUMBER = /^([+-])?\s?(\$)?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/;
const MAGNITUDE = /^\s?(K|k|M|B|thousand|million|billion)(?![a-z])/;
const MAGNITUDES: Record<string, number> = {
  K: 1e3, k: 1e3, thousand: 1e3, M: 1e6, million: 1e6, B: 1e9, billion: 1e9,
};
const UNIT =
  /^\s?(%|pp|points?|pts?|ポイント|\/\s?1\s?M(?:\s?tokens?)?|per\s1M(?:\stokens?)?|\/\s?1\s?K(?:\s?tokens?)?|per\s1K(?:\stokens?)?|\/\s?(?:5|10|100)(?![\d.])|ms|ミリ秒|秒|seconds?|secs?|s(?![a-z])|tokens?|トークン|params?|parameters|パラメータ|回|attempts?|tries|倍|x(?![a-z0-9]))/i;

function unitKind(unit: string): { kind: QuantityKind; factor: number; denominator?: number } {
  const u = unit.toLowerCase().replace(/\s/g, "");
  if (u === "%") return { kind: "percent", factor: 1 };
  if (/^(pp|points?|pts?|ポイント)$/.test(u)) return { kind: "points", factor: 1 };
  if (u.startsWith("/1m") || u.startsWith("per1m")) return { kind: "usd_per_mtok", factor: 1 };
  if (u.startsWith("/1k") || u.startsWith("per1k")) return { kind: "usd_per_mtok", factor: 1000 };
  if (u.startsWith("/")) return { kind: "score", factor: 1, denominator: Number(u.slice(1)) };
  if (u === "ms" || u === "ミリ秒") return { kind: "seconds", factor: 0.001 };
  if (/^(秒|s|secs?|seconds?)$/.test(u)) return { kind: "seconds", factor: 1 };
  if (/^(tokens?|トークン)$/.test(u)) return { kind: "tokens", factor: 1 };
  if (/^(params?|parameters|パラメータ)$/.test(u)) return { kind: "params", factor: 1 };
  if (/^(回|attempts?|tries)$/.test(u)) return { kind: "attempts", factor: 1 };
  return { kind: "times", factor: 1 };
}

/**
 * Reads the quantity at the start of `input` (already normalised). Returns null when the text
 * does not start with a number (after qualifiers such as `約` or `平均`).
 */
export function parseQuantity(input: string): Quantity | null {
  let rest = input.trimStart();
  let used = input.length - rest.length;
  const qualifiers: Qualifier[] = [];
  for (let guard = 0; guard < 4; guard++) {
    const hit = QUALIFIERS.find(([re]) => re.test(rest));
    if (!hit) break;
    const m = hit[0].exec(rest)!;
    qualifiers.push(hit[1]);
    rest = rest.slice(m[0].length);
    used += m[0].length;
  }
  const num = NUMBER.exec(rest);
  if (!num) return null;
  const [numText, sign, currency, intPart = "0", frac] = num;
  let value = Number(intPart.replace(/,/g, "") + (frac ? `.${frac}` : ""));
  const decimals = frac ? frac.length : 0;
  let step = 10 ** -decimals;
  rest = rest.slice(numText.length);
  used += numText.length;

  const mag = MAGNITUDE.exec(rest);
  let multiplier = 1;
  if (mag) {
    multiplier = MAGNITUDES[mag[1]!] ?? 1;
    rest = rest.slice(mag[0].length);
    used += mag[0].length;
  }

  let kind: QuantityKind = currency ? "usd" : "plain";
  const unit = UNIT.exec(rest);
  if (unit) {
    const u = unitKind(unit[1]!);
    kind = u.kind;
    if (u.kind === "score" && u.denominator) {
      // Scores are kept out of 5, the scale records use most.
      multiplier *= 5 / u.denominator;
    } else {
      multiplier *= u.factor;
    }
    used += unit[0].length;
  }
  value *= multiplier;
  step *= multiplier;
  if (sign === "-") value = -value;
  if (!Number.isFinite(value)) return null;
  return { value, kind, signed: sign !== undefined, decimals, step, qualifiers, length: used };
}

/** Which written kinds a metric's unit accepts, and how they convert. */
const ACCEPTS: Record<Unit, readonly QuantityKind[]> = {
  percent: ["percent", "plain"],
  score: ["score", "plain"],
  attempts: ["attempts", "plain", "times"],
  usd_per_mtok: ["usd_per_mtok", "usd"],
  usd: ["usd", "plain"],
  seconds: ["seconds"],
  tokens: ["tokens", "plain"],
  params: ["params", "plain"],
  number: [
    "percent", "points", "usd_per_mtok", "usd", "score", "seconds",
    "tokens", "params", "attempts", "times", "plain",
  ],
};

export const KIND_UNIT: Record<QuantityKind, Unit> = {
  percent: "percent",
  points: "number",
  usd_per_mtok: "usd_per_mtok",
  usd: "usd",
  score: "score",
  seconds: "seconds",
  tokens: "tokens",
  params: "params",
  attempts: "attempts",
  times: "number",
  plain: "number",
};

/** The value of `q` in `unit`, or null when the quantity is not of that kind. */
export function conform(q: Quantity, unit: Unit): number | null {
  return ACCEPTS[unit].includes(q.kind) ? q.value : null;
}

/** `100M`, `1.5B`, `50,000` or a number, as a whole count of tokens. */
export function parseTokenCount(input: unknown): number | null {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 ? input : null;
  if (typeof input !== "string" || input.length > 64) return null;
  // `100m` reads as 100M; anything left over (`1e8`, `100 apples`) makes it not a count.
  const text = normalizeText(input).trim().replace(/(\d)\s?([kmb])(?=\s?(?:tokens?)?$)/i, (_, d: string, m: string) => d + m.toUpperCase());
  const q = parseQuantity(text);
  if (!q || q.value < 0 || q.length !== text.length) return null;
  if (q.kind !== "plain" && q.kind !== "tokens") return null;
  return q.value;
}

/** Plausible ranges: a value outside is a warning, not a metric. */
export const RANGES: Record<Unit, readonly [number, number]> = {
  percent: [0, 100],
  score: [0, 5],
  attempts: [1, 100],
  usd_per_mtok: [0, 1e4],
  usd: [0, 1e12],
  seconds: [0, 3600],
  tokens: [0, 1e12],
  params: [0, 1e15],
  number: [-1e15, 1e15],
};
