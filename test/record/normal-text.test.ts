import { describe, expect, it } from "vitest";
import { cleanInline, isNormal, normalizeText } from "../../src/record/quantity/text.js";

/** What normalising does, written out here apart from the module's own shortcuts. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const reference = (t: string) => t.replace(CONTROLS, "").normalize("NFKC").replace(/\*\*|__/g, "").replace(/[−–‐‑]/g, "-").replace(/\u00a0/g, " ");

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("isNormal: a text normalising leaves as it is", () => {
  it("is never claimed of a character that normalising changes (every BMP character)", () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (isNormal(c) && reference(c) !== c) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ["plain ASCII", "MMLU: 68.4% -> 79.7%", true],
    ["Japanese and an arrow", "タスク成功率 71% → 79%、平均応答時間", true],
    ["bold markers", "**MMLU**", false],
    ["underline markers", "__x__", false],
    ["single star and underscore", "a*b_c *d* e_f", true],
    ["half-width katakana", "ｶﾀｶﾅ", false],
    ["full-width parenthesis and digits", "（１２３）", false],
    ["a combining voiced mark after kana", "か\u3099", false],
    ["a combining acute after a letter", "e\u0301", false],
    ["Hangul jamo that compose", "\u1100\u1161", false],
    ["a minus sign", "−5%", false],
    ["an en dash", "1–2", false],
    ["a no-break space", "1\u00a0s", false],
    ["a zero-width space between stars", "*\u200b*", false],
    ["a lone surrogate", "\ud800", false],
    ["an emoji (a surrogate pair)", "ok 👍", false],
  ])("%s", (_what, text, normal) => {
    expect(isNormal(text)).toBe(normal);
    if (normal) expect(reference(text)).toBe(text);
  });

  it("holds of mixed texts: a text it calls normal is its own normal form, and normalizeText agrees with the reference", () => {
    const next = rng(20261202);
    // Characters around the edges: kana, ideographs, compatibility forms, marks, dashes, controls.
    const pool = [..."aZ09 *_-.,:%$¥€→、。「」ー々かカ日本語ｶ（）０１\u3099\u0301\u00a0\u200b\u2212\u2013\t\n\u1100\u1161가\uf900\ufa10™①㎏"];
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const len = 1 + Math.floor(next() * (n % 10 === 0 ? 60 : 12));
      for (let k = 0; k < len; k++) text += pool[Math.floor(next() * pool.length)];
      if (isNormal(text)) expect(reference(text), JSON.stringify(text)).toBe(text);
      expect(normalizeText(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it("tells a long ASCII text by the one character in it that normalising changes, wherever it stands", () => {
    const body = "| **MMLU** | 68.4% | 79.7% |\n- Latency: 1.2 s → 1.7 s\n".repeat(400);
    expect(normalizeText(body)).toBe(reference(body));
    for (const odd of ["\u2212", "\uff11", "\u200b", "\u00a0", "e\u0301"]) {
      for (const at of [0, body.length >> 1, body.length]) {
        const text = body.slice(0, at) + odd + body.slice(at);
        expect(isNormal(text)).toBe(false);
        expect(normalizeText(text)).toBe(reference(text));
      }
    }
    expect(isNormal(body.replace(/\*\*/g, ""))).toBe(true);
  });
});

describe("withoutNotes", () => {
  const reference = (t: string) => t.replace(/[(（[【]([^()（）[\]【】]*)[)）\]】]/g, " ").replace(/\s+/g, " ").trim();
  it("agrees with removing notes and folding spaces, on texts with and without either", async () => {
    const { withoutNotes } = await import("../../src/record/registry/labels.js");
    const next = rng(7);
    const pool = [..."ab 12()（）[]【】\t\n\u00a0\u3000-%"];
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const len = Math.floor(next() * 14);
      for (let k = 0; k < len; k++) text += pool[Math.floor(next() * pool.length)];
      expect(withoutNotes(text), JSON.stringify(text)).toBe(reference(text));
    }
    expect(withoutNotes("Dense 47B（仮想）")).toBe("Dense 47B");
    expect(withoutNotes("GPT-4o mini")).toBe("GPT-4o mini");
  });
});

describe("cleanInline", () => {
  const reference = (t: string) => t.replace(CONTROLS, "").replace(/[\t\n\r\u2028\u2029]+/g, " ");

  it("drops every control and turns every line break into a space (every BMP character)", () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      if (cleanInline(text) !== reference(text)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(cleanInline("GPT-4o\u200b\r\n mini")).toBe("GPT-4o  mini");
  });
});
