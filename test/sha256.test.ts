import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../src/sha256.js";

const reference = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256Hex", () => {
  it("gives FIPS 180-4's digests of the empty text and of abc", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("pads at every length around a block's end (55, 56, 63, 64 and 65 bytes and beyond)", () => {
    for (let n = 0; n <= 200; n++) expect(sha256Hex("a".repeat(n))).toBe(reference("a".repeat(n)));
  });

  it("hashes a text's UTF-8 bytes, as node:crypto does", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => sha256Hex(text) === reference(text)));
    expect(sha256Hex("日本語 ±€ 🚀")).toBe(reference("日本語 ±€ 🚀"));
  });
});
