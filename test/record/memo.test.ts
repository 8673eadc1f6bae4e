// The memo of results by text: what it was given back, and never more than its bound held.
import { describe, expect, it } from "vitest";
import { MEMO_ENTRIES, TextMemo } from "../../src/record/memo.js";

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
