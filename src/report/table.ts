/** The report a person reads at a glance in a terminal. */
import { fmtMoney, fmtNumber, fmtTokens, fmtValue } from "../format.js";
import type { Report } from "./schema.js";
import { plainStyle, type Style } from "./style.js";
import { ATTEMPTS_SOURCE, AUDIT_HEAD, auditRows, betterText, changeText, costHeading, moneyChangeText, noiseText, paybackText, STATUS_WORD, verdictReason, warningText } from "./words.js";
import { table } from "./box.js";
import { pricesLines } from "./prices.js";


function metricsSection(r: Report, s: Style): string {
  if (r.metrics.length === 0) return s.dim("No metrics were found for either model.");
  const rows = r.metrics.map((m) => {
    const better = betterText(m);
    const paint = better === "better" ? s.good : better === "worse" ? s.bad : s.dim;
    return [m.label, fmtValue(m.baseline, m.units?.baseline ?? m.unit), fmtValue(m.candidate, m.units?.candidate ?? m.unit), changeText(m), paint(better), s.dim(noiseText(m)), m.line === null ? "" : String(m.line)];
  });
  return table(["Metric", r.baseline, r.candidate, "Change", "", "Noise (95% CI, pp)", "Line"], rows, s.width);
}

function costSection(r: Report, s: Style): string {
  const c = r.cost;
  const heading = costHeading(r);
  const lines = [s.bold(heading.slice(0, 4)) + s.dim(heading.slice(4))];
  if (c.baseline.monthly === null && c.candidate.monthly === null && r.usage.source === "none") return lines.join("\n");
  const cur = c.currency;
  const side = (x: Report["cost"]["baseline"]) => [fmtMoney(x.monthly, cur), fmtMoney(x.annual, cur), `${fmtNumber(x.attempts, 2)} (${ATTEMPTS_SOURCE[x.attemptsSource]})`, fmtMoney(x.retryAdjustedMonthly, cur)];
  lines.push(
    table(
      ["", "Monthly", "Annual", "Attempts", "Retry-adjusted"],
      [
        [c.baseline.model, ...side(c.baseline)],
        [c.candidate.model, ...side(c.candidate)],
        ["Change", moneyChangeText(c.monthlyChange, cur), moneyChangeText(c.annualChange, cur), "", moneyChangeText(c.retryAdjustedChange, cur)],
      ],
      s.width,
    ),
  );
  return lines.join("\n");
}

function selfHostSection(r: Report, s: Style): string | null {
  const h = r.selfHost;
  if (!h) return null;
  const payback = paybackText(h.paybackMonths);
  const cheaper = h.cheaperAtCurrentUsage === null ? "unknown" : h.cheaperAtCurrentUsage ? s.good("yes") : "no";
  return [
    s.bold("Self-hosting") + s.dim(` (capex over ${h.amortizationMonths} months${h.gpus ? `, ${h.gpus}` : ""})`),
    `  fixed cost ${fmtMoney(h.fixedPerMonth, h.currency)}/month = opex ${fmtMoney(h.opexPerMonth, h.currency)} + capex ${fmtMoney(h.capex, h.currency)} / ${h.amortizationMonths}`,
    `  break-even ${fmtTokens(h.breakEvenTokensPerMonth)} tokens/month at ${fmtValue(h.blendedPricePerMTok, `${h.currency.toLowerCase()}_per_mtok`)}` +
      (h.stated === null ? "" : ` (the record states ${fmtTokens(h.stated)})`),
    `  payback ${payback}; cheaper than the API now: ${cheaper}`,
  ].join("\n");
}

function auditSection(r: Report, s: Style): string | null {
  if (r.audit.length === 0) return null;
  const wrong = r.audit.filter((a) => a.ok === false);
  const open = r.audit.filter((a) => a.ok === null).length;
  const head = `${s.bold("Audit")} ${r.audit.length - wrong.length - open} of ${r.audit.length} stated figures hold` +
    (wrong.length ? `, ${s.bad(`${wrong.length} ${wrong.length === 1 ? "does" : "do"} not`)}` : "") + (open ? s.dim(`, ${open} cannot be checked`) : "");
  if (wrong.length === 0) return head;
  return [head, table(AUDIT_HEAD, auditRows(r), s.width)].join("\n");
}

function rulesSection(r: Report, s: Style): string {
  const paint = { pass: s.good, fail: s.bad, unknown: s.warn };
  const rows = r.rules.map((x) => {
    // An `any` rule shows each alternative on a line of its own.
    const why = x.members && x.status !== "pass" ? x.members.map((m) => `${STATUS_WORD[m.status]}: ${m.message}`).join("\n") : x.message;
    return [paint[x.status](STATUS_WORD[x.status]), x.id, x.severity, why];
  });
  return table(["", "Rule", "Severity", "Why"], rows, s.width);
}

/** Warnings other than audit mismatches, which the audit section already lists. */
export function notes(r: Report): Report["warnings"] {
  return r.warnings.filter((w) => w.code !== "audit-mismatch");
}

/** Which policy decided, in every format. */
export function policyLine(r: Report): string {
  return `Policy: ${r.policy.source} (sha256 ${r.policy.sha256})`;
}

export function renderTable(r: Report, s: Style = plainStyle): string {
  const verdict = r.verdict === "MIGRATE" ? s.good(s.bold("MIGRATE")) : s.bad(s.bold("HOLD"));
  const sections = [
    `${s.bold(`${r.baseline} → ${r.candidate}`)}  ${s.dim(`${r.record.id} · ${r.record.file}`)}`,
    metricsSection(r, s),
    costSection(r, s),
    pricesLines(r, s)?.join("\n") ?? null,
    selfHostSection(r, s),
    auditSection(r, s),
    rulesSection(r, s),
    notes(r).length ? [s.bold("Warnings"), ...notes(r).map((w) => s.warn(`  ${warningText(w)}`))].join("\n") : null,
    `Verdict: ${verdict} ${s.dim(`— ${verdictReason(r)}`)}\n${s.dim(policyLine(r))}`,
  ];
  return `${sections.filter((x): x is string => x !== null).join("\n\n")}\n`;
}
