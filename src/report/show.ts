/**
 * `show`: what the loader understood of a record — each figure with its line, how it was read
 * (the text, the conversion, the metric matched and why), and every refusal with its reason.
 */
import { own } from "../record/own.js";
import { fmtMoney, fmtTokens, fmtValue } from "../format.js";
import { defaultRegistry } from "../record/registry/labels.js";
import { unitOf } from "../record/read/conform.js";
import type { LoadedRecord } from "../record/schema.js";
import { plainStyle, type Style } from "./style.js";
import { table } from "./box.js";
import { warningText } from "./words.js";

const at = (line: number | null) => (line === null ? "" : String(line));
const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join("")}…` : s);

export function renderShow(r: LoadedRecord, s: Style = plainStyle): string {
  const reg = defaultRegistry();
  const meta = [
    `${s.bold(r.id)}  ${r.title}`,
    `  file      ${r.file}`,
    `  old → new ${r.oldModel} → ${r.newModel}`,
    `  date      ${r.updateDate ?? "—"}   provider ${r.provider ?? "—"}   tier ${r.tier ?? "—"}   outcome ${r.outcome ?? "—"}`,
    r.tags.length ? `  tags      ${r.tags.join(", ")}` : null,
  ].filter((x): x is string => x !== null);

  const rows: string[][] = [];
  for (const m of r.models) {
    for (const [key, v] of Object.entries(m.metrics)) {
      const def = reg.byKeyOf(key);
      const unit = def ? unitOf(def, v.currency ?? null) : (own(r.metricInfo, key)?.unit ?? "number");
      rows.push([m.name + s.dim(m.role === "alternative" ? "" : ` (${m.role})`), def?.name ?? own(r.metricInfo, key)?.label ?? key, key, fmtValue(v.value, unit), v.source, at(v.line)]);
    }
  }
  for (const x of r.ranges) rows.push([x.model, reg.byKeyOf(x.key)?.name ?? x.key, x.key, `${x.range[0]}–${x.range[1]} (range, not used)`, "body", at(x.line)]);
  const sections = [meta.join("\n"), rows.length ? table(["Model", "Metric", "Key", "Value", "From", "Line"], rows, s.width) : s.dim("No metric values found.")];

  if (r.readings.length) {
    const lines = [s.bold("How each figure was read")];
    for (const x of r.readings) {
      const conversion = x.steps.length ? s.dim(`  [${x.steps.join("; ")}]`) : "";
      lines.push(`  ${at(x.line).padStart(4)}  ${clip(x.target, 48)} = ${fmtValue(x.value, x.unit)}${conversion}`);
      lines.push(s.dim(`        from "${clip(x.text.replace(/\s+/g, " "), 90)}": ${x.why}`));
    }
    sections.push(lines.join("\n"));
  }

  const facts: string[][] = [];
  const cur = r.currency ?? "USD";
  const u = r.usage;
  if (u && u.inputTokens !== null) facts.push(["usage", `${fmtTokens(u.inputTokens)} input + ${fmtTokens(u.outputTokens)} output tokens/month`, u.source, at(u.line)]);
  else if (u && u.totalTokens) facts.push(["usage", `${fmtTokens(u.totalTokens)} tokens/month in all (no input/output split)`, u.source, at(u.line)]);
  for (const x of u?.units ?? []) facts.push([`usage in ${x.unit.replace(/_/g, " ")}s`, `${fmtTokens(x.count)}/month`, "body", at(x.line)]);
  const sh = r.selfHost;
  if (sh?.capex) facts.push(["self-hosting capex", fmtMoney(sh.capex.value, sh.capex.currency ?? cur), "", at(sh.capex.line)]);
  if (sh?.opexPerMonth) facts.push(["self-hosting opex", `${fmtMoney(sh.opexPerMonth.value, sh.opexPerMonth.currency ?? cur)}/month`, "", at(sh.opexPerMonth.line)]);
  if (sh?.gpus) facts.push(["self-hosting GPUs", sh.gpus.value, "", at(sh.gpus.line)]);
  if (sh?.statedBreakEvenTokensPerMonth) facts.push(["stated break-even", `${fmtTokens(sh.statedBreakEvenTokensPerMonth.value)} tokens/month`, "", at(sh.statedBreakEvenTokensPerMonth.line)]);
  if (sh?.statedPaybackMonths) facts.push(["stated payback", `${sh.statedPaybackMonths.value} months`, "", at(sh.statedPaybackMonths.line)]);
  for (const [key, sample] of Object.entries(r.samples)) facts.push([`sample size of ${key}`, String(sample.n), "", at(sample.line)]);
  if (facts.length) sections.push(table(["Fact", "Value", "From", "Line"], facts, s.width));

  if (r.claims.length) {
    sections.push(table(["Stated", "Kind", "About", "Line"], r.claims.map((c) => [
      c.text, c.kind + (c.basis && (c.kind === "cost_change" || c.kind === "monthly_cost") ? ` (${c.basis})` : ""),
      c.kind === "unchecked" ? (c.reason ?? "") : (c.subject ?? ""), at(c.line),
    ]), s.width));
  }
  if (r.warnings.length) sections.push([s.bold("Refused and warnings"), ...r.warnings.map((w) => s.warn(`  ${warningText(w)}`))].join("\n"));
  return `${sections.join("\n\n")}\n`;
}
