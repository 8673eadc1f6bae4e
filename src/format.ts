/** Number formatting shared by messages and renderers: one place decides how figures read. */

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round((n + Number.EPSILON * Math.sign(n)) * f) / f;
}

/** Up to `digits` decimals, thousands separated, trailing zeros dropped. */
export function fmtNumber(n: number | null, digits = 2): string {
  if (n === null) return "—";
  return round(n, digits).toLocaleString("en-US", { maximumFractionDigits: digits });
}

export function fmtSigned(n: number | null, digits = 2, suffix = ""): string {
  if (n === null) return "—";
  const r = round(n, digits);
  return `${r > 0 ? "+" : r < 0 ? "−" : "±"}${fmtNumber(Math.abs(r), digits)}${suffix}`;
}

export function fmtMoney(n: number | null): string {
  if (n === null) return "—";
  const r = round(n, 2);
  const body = Math.abs(r).toLocaleString("en-US", { minimumFractionDigits: Number.isInteger(r) ? 0 : 2, maximumFractionDigits: 2 });
  return `${r < 0 ? "−" : ""}$${body}`;
}

export function fmtSignedMoney(n: number | null): string {
  if (n === null) return "—";
  const r = round(n, 2);
  return `${r > 0 ? "+" : r < 0 ? "−" : "±"}${fmtMoney(Math.abs(r))}`;
}

/** 3648148148 → "3.65B", 140000000 → "140M". */
export function fmtTokens(n: number | null): string {
  if (n === null) return "—";
  const abs = Math.abs(n);
  const [div, suffix] = abs >= 1e9 ? [1e9, "B"] : abs >= 1e6 ? [1e6, "M"] : abs >= 1e3 ? [1e3, "K"] : [1, ""];
  return `${fmtNumber(n / div, abs >= 1e9 ? 3 : 2)}${suffix}`;
}

const UNIT_FORMAT: Record<string, (n: number) => string> = {
  percent: (n) => `${fmtNumber(n, 2)}%`,
  points: (n) => `${fmtNumber(n, 2)} pp`,
  score: (n) => `${fmtNumber(n, 2)}/5`,
  attempts: (n) => `${fmtNumber(n, 2)}`,
  usd_per_mtok: (n) => `$${fmtNumber(n, 4)}/1M`,
  usd: (n) => fmtMoney(n),
  seconds: (n) => `${fmtNumber(n, 3)} s`,
  tokens: (n) => fmtTokens(n),
  params: (n) => fmtTokens(n),
  number: (n) => fmtNumber(n, 2),
};

export function fmtValue(n: number | null, unit: string): string {
  if (n === null) return "—";
  return (UNIT_FORMAT[unit] ?? UNIT_FORMAT.number!)(n);
}
