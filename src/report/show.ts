/** `show`: what the loader understood of a record, each value with its line. */
import { own } from "../record/own.js";
import { fmtMoney, fmtTokens, fmtValue } from "../format.js";
import { metricByKey } from "../record/metrics.js";
import type { LoadedRecord } from "../record/schema.js";
import { plainStyle, type Style } from "./style.js";
import { table } from "./table.js";
import { warningText } from "./words.js";

const at = (line: number | null) => (line === null ? "" : String(line));

export function renderShow(r: LoadedRecord, s: Style = plainStyle): string {
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
      const def = metricByKey(key);
      const unit = def?.unit ?? own(r.metricInfo, key)?.unit ?? "number";
      rows.push([m.name + s.dim(m.role === "alternative" ? "" : ` (${m.role})`), def?.name ?? own(r.metricInfo, key)?.label ?? key, key, fmtValue(v.value, unit), v.source, at(v.line)]);
    }
  }
  const sections = [meta.join("\n"), rows.length ? table(["Model", "Metric", "Key", "Value", "From", "Line"], rows) : s.dim("No metric values found.")];

  const facts: string[][] = [];
  if (r.usage) facts.push(["usage", `${fmtTokens(r.usage.inputTokens)} input + ${fmtTokens(r.usage.outputTokens)} output tokens/month`, r.usage.source, at(r.usage.line)]);
  const sh = r.selfHost;
  if (sh?.capex) facts.push(["self-hosting capex", fmtMoney(sh.capex.value), "", at(sh.capex.line)]);
  if (sh?.opexPerMonth) facts.push(["self-hosting opex", `${fmtMoney(sh.opexPerMonth.value)}/month`, "", at(sh.opexPerMonth.line)]);
  if (sh?.gpus) facts.push(["self-hosting GPUs", sh.gpus.value, "", at(sh.gpus.line)]);
  if (sh?.statedBreakEvenTokensPerMonth) facts.push(["stated break-even", `${fmtTokens(sh.statedBreakEvenTokensPerMonth.value)} tokens/month`, "", at(sh.statedBreakEvenTokensPerMonth.line)]);
  for (const [key, sample] of Object.entries(r.samples)) facts.push([`sample size of ${key}`, String(sample.n), "", at(sample.line)]);
  if (facts.length) sections.push(table(["Fact", "Value", "From", "Line"], facts));

  if (r.claims.length) {
    sections.push(table(["Stated", "Kind", "About", "Line"], r.claims.map((c) => [c.text, c.kind + (c.basis && c.kind === "cost_change" ? ` (${c.basis})` : ""), c.subject ?? "", at(c.line)])));
  }
  if (r.warnings.length) sections.push([s.bold("Warnings"), ...r.warnings.map((w) => s.warn(`  ${warningText(w)}`))].join("\n"));
  return `${sections.join("\n\n")}\n`;
}
