// The memos of results by text: what they give back, when they forget, and never more than their bound held.
import { describe, expect, it } from "vitest";
import { byCode, MEMO_ENTRIES, TextMemo } from "../../src/record/memo.js";
import { createBuilder } from "../../src/record/read/builder.js";
import { tokensOf } from "../../src/record/read/state.js";
import { defaultRegistry } from "../../src/record/registry/labels.js";

describe("TextMemo", () => {
  it("gives back what it was given, null included", () => {
    const memo = new TextMemo<string | null>();
    memo.set("a", "A");
    memo.set("b", null);
    expect(memo.get("a")).toBe("A");
    expect(memo.get("b")).toBeNull();
    expect(memo.get("c")).toBeUndefined();
  });

  it("forgets everything when cleared", () => {
    const memo = new TextMemo<number>();
    memo.set("a", 1);
    memo.clear();
    expect(memo.get("a")).toBeUndefined();
    memo.set("a", 2);
    expect(memo.get("a")).toBe(2);
  });

  it("starts afresh when full: it never holds more than its bound", () => {
    const memo = new TextMemo<number>();
    for (let i = 0; i < MEMO_ENTRIES; i++) memo.set(`k${i}`, i);
    expect(memo.get("k0")).toBe(0);
    memo.set("one more", -1);
    expect(memo.get("k0")).toBeUndefined();
    expect(memo.get(`k${MEMO_ENTRIES - 1}`)).toBeUndefined();
    expect(memo.get("one more")).toBe(-1);
  });
});

describe("a record's scanned texts", () => {
  const builder = () => createBuilder("Llama 3.1 8B", "Qwen2.5 14B", defaultRegistry(), { decimal: "dot" });

  it("are kept while the model names stay as they are", () => {
    const b = builder();
    const first = tokensOf(b, "Qwen2.5 14B 79.7%");
    expect(tokensOf(b, "Qwen2.5 14B 79.7%")).toBe(first);
    expect(tokensOf(b, "Qwen2.5 14B 79.7%", { notes: true })).not.toBe(first);
  });

  it("are scanned again once a learnt name takes a shorter one's place, though the count of names is unchanged", () => {
    const b = builder();
    b.names.learn("GPT-3.5");
    const text = "GPT-3.5: 71%";
    const before = tokensOf(b, text);
    expect(before.models).toEqual(["GPT-3.5"]);
    const count = b.names.list().length;
    b.names.learn("GPT-3.5 Turbo");
    expect(b.names.list()).toHaveLength(count);
    const after = tokensOf(b, text);
    expect(after).not.toBe(before);
    expect(after.models).toEqual(["GPT-3.5 Turbo"]);
  });
});

describe("byCode", () => {
  it("asks once per code and gives back the answer, 0 and 0xFFFF included", () => {
    const asked: number[] = [];
    const f = byCode((code) => {
      asked.push(code);
      return code === 0x41 ? 0 : code;
    });
    expect([f(0x41), f(0x41), f(0xffff), f(0xffff), f(0), f(0)]).toEqual([0, 0, 0xffff, 0xffff, 0, 0]);
    expect(asked).toEqual([0x41, 0xffff, 0]);
  });
});
