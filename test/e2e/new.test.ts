/** `migrate-eval new`: a template validate accepts as it is, and whose every line is read once filled in. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "migrate-eval-new-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The figures a team would write, in the template's order of `—`. */
const FIGURES: Record<"en" | "ja", string[]> = {
  en: ["70.5%", "75.2%", "80%", "86%", "$0.50", "$0.30", "$1.50", "$1.20", "1.2", "0.9", "2.5", "1.8", "128K", "200K", "80%", "86%", "3%", "2%", "1.4", "1.2", "46", "50", "100M", "20M", "80", "54", "$50,000", "$800", "2x A100"],
  ja: ["70.5%", "75.2%", "80%", "86%", "$0.50", "$0.30", "$1.50", "$1.20", "1.2", "0.9", "2.5", "1.8", "128K", "200K", "80%", "86%", "3%", "2%", "1.4", "1.2", "50", "46", "1億", "2,000万", "80", "54", "$50,000", "$800", "2x A100"],
};

describe.each(["en", "ja"] as const)("new --lang %s", (lang) => {
  const template = run(["new", "--lang", lang]).stdout;

  it("is a valid record as it is, with no warnings", () => {
    const file = join(dir, `${lang}.md`);
    writeFileSync(file, template);
    const r = run(["validate", file]);
    expect(r.stdout).toBe("1 record: 1 valid, 0 invalid\n");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("filled in, every figure is read: metrics of both models, usage, costs, self-hosting, prompts", () => {
    const figures = [...FIGURES[lang]];
    const filled = template.replace(/—/g, () => figures.shift() ?? "—");
    expect(figures).toEqual([]);
    const file = join(dir, `${lang}-filled.md`);
    writeFileSync(file, filled);
    const report = JSON.parse(run(["compare", file, "--format", "json"]).stdout) as {
      metrics: Array<{ key: string; baseline: number | null; candidate: number | null }>;
      usage: { inputTokens: number; outputTokens: number };
      cost: { baseline: { monthly: number }; candidate: { monthly: number } };
      selfHost: { capex: number; opexPerMonth: number } | null;
      audit: Array<{ ok: boolean | null }>;
      warnings: unknown[];
    };
    const value = (key: string) => report.metrics.find((m) => m.key === key);
    expect(value("mmlu")).toMatchObject({ baseline: 70.5, candidate: 75.2 });
    expect(value("task_success")).toMatchObject({ baseline: 80, candidate: 86 });
    expect(value("price_input")).toMatchObject({ baseline: 0.5, candidate: 0.3 });
    expect(value("price_output")).toMatchObject({ baseline: 1.5, candidate: 1.2 });
    expect(value("latency_p95")).toMatchObject({ baseline: 2.5, candidate: 1.8 });
    expect(value("context_window")).toMatchObject({ baseline: 128_000, candidate: 200_000 });
    expect(value("attempts")).toMatchObject({ baseline: 1.4, candidate: 1.2 });
    expect(value("prompt_compat")).toMatchObject({ candidate: 92 });
    expect(report.usage).toMatchObject({ inputTokens: 100e6, outputTokens: 20e6 });
    // 100M × $0.50 + 20M × $1.50 = $80; 100M × $0.30 + 20M × $1.20 = $54: the stated costs hold.
    expect(report.cost.baseline.monthly).toBeCloseTo(80, 9);
    expect(report.cost.candidate.monthly).toBeCloseTo(54, 9);
    expect(report.audit.map((a) => a.ok)).toEqual([true, true]);
    expect(report.selfHost).toMatchObject({ capex: 50_000, opexPerMonth: 800 });
  });
});
