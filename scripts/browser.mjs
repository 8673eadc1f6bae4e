/**
 * Opens an HTML report in headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM) from a
 * file, with every request other than the file itself refused: the page must load without a page
 * error, a console error or a failed request. Returns what it found, and writes a PNG when asked.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/**
 * @param {string} htmlFile
 * @param {{ png?: string, colorScheme?: "light" | "dark", height?: number }} [options]
 */
export async function openReport(htmlFile, options = {}) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: options.height ?? 900 }, colorScheme: options.colorScheme ?? "light" });
    const problems = [];
    const url = pathToFileURL(htmlFile).href;
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
    page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));
    // Nothing but the report itself may be fetched: no network, no other file.
    const requests = [];
    await page.route("**/*", (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      requests.push(u);
      return route.abort();
    });
    const response = await page.goto(url, { waitUntil: "load" });
    const found = await page.evaluate(() => ({
      title: document.title,
      h1: document.querySelector("h1")?.textContent ?? null,
      series: [...document.querySelectorAll("#cost-chart [data-series]")].map((e) => e.getAttribute("data-series")),
      crossovers: document.querySelectorAll("#cost-chart [data-mark=crossover]").length,
      usage: document.querySelectorAll("#cost-chart [data-mark=usage]").length,
      tornadoBars: document.querySelectorAll("#tornado-chart rect").length,
      scripts: document.querySelectorAll("script").length,
      handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      text: document.body.innerText,
    }));
    if (options.png) await page.screenshot({ path: options.png, fullPage: false });
    return { ok: response?.ok() ?? false, problems, requests, ...found };
  } finally {
    await browser.close();
  }
}
