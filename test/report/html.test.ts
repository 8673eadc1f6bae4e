/** The HTML report: self-contained, and a record cannot inject markup or script into it. */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluate.js";
import { renderHtml } from "../../src/report/html.js";
import { esc } from "../../src/report/svg.js";
import { fixture, load } from "../helpers.js";

const hostile = renderHtml(evaluate(load(fixture("whatif/markup-in-names.md")), { whatif: {} }));

describe("renderHtml", () => {
  it("escapes every record string: no script, no handler, no stray closing tag", () => {
    expect(hostile).not.toMatch(/<script/i);
    expect(hostile).not.toMatch(/<img/i);
    expect(hostile).not.toMatch(/<style>body/i);
    // The words stay, as text: no tag carries an event handler.
    expect(hostile).toContain("onerror=alert(2)");
    expect(hostile).not.toMatch(/<[^>]*\son\w+=/i);
    // One <svg>…</svg> pair per chart, one <title> in the head plus one per chart, mark or series.
    expect(hostile.match(/<svg/g)?.length).toBe(hostile.match(/<\/svg>/g)?.length);
    expect(hostile.match(/<\/title>/g)?.length).toBe(hostile.match(/<title>/g)?.length);
    expect(hostile).toContain("&#60;/svg&#62;&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(hostile).toContain("New&#34; onload=&#34;alert(4)");
  });

  it("is self-contained: no URL to fetch, and a policy that refuses scripts and requests", () => {
    expect(hostile).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(hostile).not.toMatch(/<[^>]*\s(?:src|href)=/i);
    expect(hostile).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it("reads in dark mode and on paper", () => {
    expect(hostile).toContain("@media (prefers-color-scheme: dark)");
    expect(hostile).toContain("@media print");
  });

  it("draws the three cost lines and marks the usage and the crossings", () => {
    expect([...hostile.matchAll(/data-series="([a-z_]+)"/g)].map((m) => m[1])).toEqual(["baseline", "candidate", "self_host"]);
    expect(hostile.match(/data-mark="usage"/g)).toHaveLength(1);
    // $2,188.89 against $0.6/1M and $0.2/1M: 3.648B and 10.944B
    expect(hostile.match(/data-mark="crossover"/g)).toHaveLength(2);
  });

  it("esc leaves no markup and no control characters", () => {
    expect(esc(`<a href="x">'&'</a>\u0000\u001b[31m`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;[31m");
  });
});
