/** The wording of a what-if, shared by the terminal, HTML and markdown renderers. */
import { fmtMoney, fmtNumber, fmtSigned, fmtTokens, fmtValue } from "../format.js";
import type { Flip, Sensitivity, WhatIf } from "../calc/whatif/schema.js";

/** An input's value in its unit: `$0.0257/1M`, `1.4`, `82%`, `$50,000`, `36 months`. */
export function inputText(n: number | null, unit: string): string {
  if (n === null) return "—";
  if (unit === "months") return `${fmtNumber(n, 1)} months`;
  if (unit === "tokens") return fmtTokens(n);
  return fmtValue(n, unit);
}

/** `passes at ≤ $0.0257/1M`, `fails above 3.2 s`, `no value flips it`. */
export function flipText(f: Flip): string {
  if (f.at === null || f.becomes === null) return "no value flips it";
  const v = inputText(f.at, f.unit);
  if (f.becomes === "pass") return `passes at ${f.direction === "below" ? "≤" : "≥"} ${v}`;
  return `${f.becomes === "fail" ? "fails" : "unknown"} ${f.direction === "below" ? "below" : "above"} ${v}`;
}

export const METHOD_WORD = { closed_form: "solved", bisection: "bisection" } satisfies Record<NonNullable<Flip["method"]>, string>;

export const LINE_ID_WORD = { baseline: "baseline API", candidate: "candidate API", self_host: "self-hosting" } as const;

/** `Mixtral 8x7B self-hosted` for a line id, from the what-if's own lines. */
export function lineName(w: WhatIf, id: string): string {
  return w.lines.find((l) => l.id === id)?.label ?? id;
}

/** What each line costs: `$0.6/1M`, `$2,188.89/month per 3.65B tokens`. */
export function lineRate(w: WhatIf, l: WhatIf["lines"][number]): string {
  if (l.id !== "self_host") return l.pricePerMTok === null ? "no price" : inputText(l.pricePerMTok, `${w.currency.toLowerCase()}_per_mtok`);
  if (l.fixedPerMonth === null) return "no fixed cost (needs capex and opex)";
  const cap = l.capacityTokensPerMonth === null ? "" : ` per ${fmtTokens(l.capacityTokensPerMonth)} tokens of capacity`;
  return `${fmtMoney(l.fixedPerMonth, w.currency)}/month${cap}`;
}

/** `+76.84% HOLD`; for a self-hosting input, the break-even it gives too. */
export function changeEnd(e: Sensitivity["low"], selfHost = false): string {
  const be = selfHost && e.breakEvenTokensPerMonth !== null ? `, break-even ${fmtTokens(e.breakEvenTokensPerMonth)}` : "";
  return `${fmtSigned(e.retryAdjustedChangePct, 2, "%")} ${e.verdict}${be}`;
}

const SELF_HOST_INPUTS = new Set(["self_host.capex", "self_host.opex_per_month", "policy.amortization_months"]);

/** Every flip of the required rules, one row each: rule, input, now, what flips it, how found, line. */
export function flipRows(w: WhatIf): string[][] {
  return w.flips.flatMap((r) =>
    r.flips.length === 0
      ? [[r.rule, "—", "—", "no input of the record moves it", "", ""]]
      : r.flips.map((f) => [r.rule, f.label, inputText(f.value, f.unit), flipText(f), f.method ? METHOD_WORD[f.method] : "", f.line === null ? "" : String(f.line)]),
  );
}
export const FLIP_HEAD = ["Rule", "Input", "Now", "Flips", "How", "Line"];

export function sensitivityRows(w: WhatIf): string[][] {
  return w.sensitivity.map((s) => [
    s.label, inputText(s.value, s.unit),
    `${inputText(s.low.value, s.unit)}${s.low.clamped ? " (range end)" : ""}: ${changeEnd(s.low, SELF_HOST_INPUTS.has(s.input))}`,
    `${inputText(s.high.value, s.unit)}${s.high.clamped ? " (range end)" : ""}: ${changeEnd(s.high, SELF_HOST_INPUTS.has(s.input))}`,
    s.effect === null ? "—" : `${fmtNumber(s.effect, 2)} pp`,
  ]);
}
export function sensitivityHead(w: WhatIf): string[] {
  return ["Input", "Now", `−${fmtNumber(w.swing)}%`, `+${fmtNumber(w.swing)}%`, "Effect"];
}

export function crossoverRows(w: WhatIf): string[][] {
  return w.crossovers.map((c) => [fmtTokens(c.volume), `${lineName(w, c.between[0])} = ${lineName(w, c.between[1])}`, fmtMoney(c.cost, w.currency), lineName(w, c.cheaperAbove)]);
}
export const CROSSOVER_HEAD = ["Tokens/month", "Lines cross", "Monthly cost", "Cheaper above"];

/** One sentence on self-hosting against the candidate's API. */
export function selfHostSentence(w: WhatIf): string | null {
  const self = w.lines.find((l) => l.id === "self_host");
  if (!self) return null;
  if (self.fixedPerMonth === null) return "Self-hosting has no fixed cost to compare (it needs both capex and opex).";
  if (w.selfHostCheaperFrom === null) return `Self-hosting is never cheaper than ${lineName(w, "candidate")} at any volume up to 10^15 tokens a month.`;
  const usage = w.volume === null ? "" : ` (the usage is ${fmtTokens(w.volume)})`;
  // With capacity steps the order can change back at a step: then "from" would overstate it.
  const back = w.crossovers.some((c) => c.between.includes("candidate") && c.between.includes("self_host") && c.cheaperAbove === "candidate");
  if (back) return `Self-hosting is first cheaper than ${lineName(w, "candidate")} at ${fmtTokens(w.selfHostCheaperFrom)} tokens a month${usage}; past a capacity step the order can change back (the crossings below).`;
  return `Self-hosting is cheaper than ${lineName(w, "candidate")} from ${fmtTokens(w.selfHostCheaperFrom)} tokens a month${usage}.`;
}
