/** Number formatting shared by messages and renderers: one place decides how figures read. */

/** Rounds half away from zero, as people round: −18.75 → −18.8. */
export function round(n: number, digits = 2): number {
  // Not past the 15 significant digits a double holds: scaling `2e15` by 100 would invent digits.
  const a = Math.abs(n);
  const room = a < 1 ? digits : 15 - (Math.floor(Math.log10(a)) + 1);
  const f = 10 ** Math.max(0, Math.min(digits, room));
  const x = a * f;
  // The nudge that rounds 1.005 up is below the spacing of doubles past 2^50: there it would add a unit.
  return (Math.sign(n) * Math.round(x < 2 ** 50 ? x * (1 + Number.EPSILON) : x)) / f;
}

/**
 * Fixed decimals with thousands separators. Written by hand: the first toLocaleString call
 * loads ICU data, which costs more than the rest of a `compare` run.
 */
function grouped(n: number, minDigits: number, maxDigits0: number): string {
  if (!Number.isFinite(n)) return "—";
  // Beyond what fixed notation can write, the magnitude is all there is to say.
  if (Math.abs(n) >= 1e21) return n.toPrecision(3);
  // A double holds 15 significant digits: no decimals past them (`2e15` has no cents to show).
  const intDigits = Math.abs(n) < 1 ? 1 : Math.floor(Math.log10(Math.abs(n))) + 1;
  const maxDigits = Math.max(0, Math.min(maxDigits0, 15 - intDigits));
  const [int = "0", frac = ""] = Math.abs(round(n, maxDigits)).toFixed(maxDigits).split(".");
  let decimals = frac.replace(/0+$/, "");
  if (decimals.length < minDigits) decimals = frac.slice(0, minDigits);
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = round(n, maxDigits) < 0 ? "-" : "";
  return `${sign}${withCommas}${decimals ? `.${decimals}` : ""}`;
}

/** Up to `digits` decimals, thousands separated, trailing zeros dropped. */
export function fmtNumber(n: number | null, digits = 2): string {
  if (n === null) return "—";
  return grouped(n, 0, digits);
}

export function fmtSigned(n: number | null, digits = 2, suffix = ""): string {
  if (n === null) return "—";
  const r = round(n, digits);
  return `${r > 0 ? "+" : r < 0 ? "−" : "±"}${fmtNumber(Math.abs(r), digits)}${suffix}`;
}

const SYMBOL: Readonly<Record<string, string>> = { USD: "$", JPY: "¥", EUR: "€", usd: "$", jpy: "¥", eur: "€" };

/** `$1,234.50`, `¥4,200`, `€0.45`: yen carry no cents. */
export function fmtMoney(n: number | null, currency = "USD"): string {
  if (n === null) return "—";
  const symbol = SYMBOL[currency] ?? "$";
  const yen = symbol === "¥";
  if (!Number.isFinite(n)) return "—";
  const r = round(n, yen && Math.abs(n) >= 100 ? 0 : 2);
  const body = grouped(Math.abs(r), Number.isInteger(r) ? 0 : 2, 2);
  return `${r < 0 ? "−" : ""}${symbol}${body}`;
}

export function fmtSignedMoney(n: number | null, currency = "USD"): string {
  if (n === null) return "—";
  const r = round(n, 2);
  return `${r > 0 ? "+" : r < 0 ? "−" : "±"}${fmtMoney(Math.abs(r), currency)}`;
}

/** 3648148148 → "3.65B", 140000000 → "140M". */
export function fmtTokens(n: number | null): string {
  if (n === null) return "—";
  const abs = Math.abs(n);
  const [div, suffix] = abs >= 1e9 ? [1e9, "B"] : abs >= 1e6 ? [1e6, "M"] : abs >= 1e3 ? [1e3, "K"] : [1, ""];
  return `${fmtNumber(n / div, abs >= 1e9 ? 3 : 2)}${suffix}`;
}

/** A recomputed figure of the audit, signed where the claim is a change. */
export function fmtComputed(e: { computed: number | null; unit: string; kind: string }, currency = "USD"): string {
  const n = e.computed;
  if (n === null) return "—";
  const change = e.kind === "metric_change" || e.kind === "cost_change";
  if (e.unit === "percent") return change ? fmtSigned(n, 2, "%") : `${fmtNumber(n, 2)}%`;
  if (e.unit === "points") return fmtSigned(n, 2, " pp");
  if (e.unit === "usd" || e.unit === "jpy" || e.unit === "eur") return change ? fmtSignedMoney(n, e.unit) : fmtMoney(n, e.unit);
  if (e.unit === "months") return `${fmtNumber(n, 1)} months`;
  if (change) return fmtSigned(n, 2);
  void currency;
  return fmtValue(n, e.unit);
}

const UNIT_FORMAT: Record<string, (n: number) => string> = {
  percent: (n) => `${fmtNumber(n, 2)}%`,
  points: (n) => `${fmtNumber(n, 2)} pp`,
  score: (n) => `${fmtNumber(n, 2)}/5`,
  score_10: (n) => `${fmtNumber(n, 2)}/10`,
  attempts: (n) => `${fmtNumber(n, 2)}`,
  seconds: (n) => `${fmtNumber(n, 3)} s`,
  tokens: (n) => fmtTokens(n),
  params: (n) => fmtTokens(n),
  throughput: (n) => `${fmtNumber(n, 1)} tok/s`,
  number: (n) => fmtNumber(n, 2),
};

/** A figure in its unit: `62.5%`, `$0.6/1M`, `¥15/1M`, `$0.04/image`, `1.5 s`, `32K`. */
export function fmtValue(n: number | null, unit: string): string {
  if (n === null) return "—";
  const money = /^(usd|jpy|eur)(?:_per_(.+))?$/.exec(unit);
  if (money) {
    const symbol = SYMBOL[money[1]!]!;
    if (!money[2]) return fmtMoney(n, money[1]!.toUpperCase());
    const per = money[2] === "mtok" ? "1M" : money[2].replace(/_/g, " ");
    return `${symbol}${fmtNumber(n, 4)}/${per}`;
  }
  return (UNIT_FORMAT[unit] ?? UNIT_FORMAT.number!)(n);
}
