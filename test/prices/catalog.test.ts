/** The pinned catalog's real values, how names resolve, price history and tiers. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { CATALOG_INFO, loadCatalog, type Catalog } from "../../src/prices/catalog.js";
import { MODEL_ALIASES } from "../../src/prices/aliases.js";
import { chooseTier, priceAt } from "../../src/prices/price-at.js";
import { resolveModel } from "../../src/prices/resolve.js";
import { ROOT } from "../helpers.js";

let c: Catalog;
beforeAll(async () => {
  c = await loadCatalog();
});

function model(name: string, hint?: string) {
  const r = resolveModel(c, name, hint);
  if (!r.ok) throw new Error(`${name}: ${r.kind} ${r.matches.join(", ")}`);
  return r.resolved;
}

function pricesOn(name: string, day: string) {
  const at = priceAt(model(name).model, day);
  if (!at.ok) throw new Error(`${name} on ${day}: ${at.kind}`);
  return [at.price.input?.base, at.price.output?.base];
}

describe("the pinned package", () => {
  test("is the version the report names, pinned exactly", () => {
    const installed = JSON.parse(readFileSync(join(ROOT, "node_modules/@pydantic/genai-prices/package.json"), "utf8"));
    const ours = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(installed.version).toBe(CATALOG_INFO.version);
    expect(ours.dependencies["@pydantic/genai-prices"]).toBe(CATALOG_INFO.version);
  });

  test("holds about 1,700 models from 43 providers", () => {
    expect(c.providers).toHaveLength(43);
    const models = c.providers.reduce((n, p) => n + p.models.length, 0);
    expect(models).toBeGreaterThan(1600);
  });
});

describe("real prices at the pinned version (USD per 1M tokens)", () => {
  test("gpt-3.5-turbo is 0.50 / 1.50 and gpt-4o-mini 0.15 / 0.60", () => {
    expect(pricesOn("openai:gpt-3.5-turbo", "2026-10-01")).toEqual([0.5, 1.5]);
    expect(pricesOn("openai:gpt-4o-mini", "2026-10-01")).toEqual([0.15, 0.6]);
  });

  test("a price history: the price in force on each day", () => {
    expect(pricesOn("aws:global.openai.gpt-5.6-sol", "2026-08-20")).toEqual([5, 30]);
    expect(pricesOn("aws:global.openai.gpt-5.6-sol", "2026-08-21")).toEqual([4, 20]);
    expect(priceAt(model("aws:global.openai.gpt-5.6-sol").model, "2026-08-21")).toMatchObject({ ok: true, since: "2026-08-21" });
  });

  test("a day before the model existed is a problem, not today's price", () => {
    expect(priceAt(model("openai:gpt-4o-mini").model, "2024-07-17")).toEqual({ ok: false, kind: "before-first", first: "2024-07-18", why: "snapshot" });
    expect(priceAt(model("openai:gpt-4o-mini").model, "2024-07-18")).toMatchObject({ ok: true });
  });

  test("a model priced by the time of day has no one price", () => {
    expect(priceAt(model("deepseek:deepseek-chat").model, "2026-10-01")).toMatchObject({ ok: false, kind: "time-of-day" });
  });
});

describe("tiers by request size", () => {
  const input = () => priceAt(model("anthropic:claude-sonnet-4-5").model, "2026-10-01");

  test("the base tier up to 200,000 input tokens a request, the upper one above", () => {
    const at = input();
    if (!at.ok) throw new Error("no price");
    expect(at.price.input).toEqual({ base: 3, tiers: [{ start: 200_000, price: 6 }] });
    expect(chooseTier(at.price.input!, 200_000)).toEqual({ price: 3, tier: { index: 0, from: 0, of: 2 } });
    expect(chooseTier(at.price.input!, 200_001)).toEqual({ price: 6, tier: { index: 1, from: 200_000, of: 2 } });
    expect(chooseTier(at.price.output!, 250_000).price).toBe(22.5);
  });

  test("without a request size, the base tier (the caller says so)", () => {
    const at = input();
    if (!at.ok) throw new Error("no price");
    expect(chooseTier(at.price.input!, null)).toEqual({ price: 3, tier: { index: 0, from: 0, of: 2 } });
  });

  test("a flat price has no tier", () => {
    expect(chooseTier({ base: 0.15, tiers: [] }, 1e6)).toEqual({ price: 0.15, tier: null });
  });
});

describe("names", () => {
  test("provider:model, a bare id the catalog places with one provider, and record spellings", () => {
    expect(model("openai:gpt-4o-mini")).toMatchObject({ provider: { id: "openai" }, model: { id: "gpt-4o-mini" }, via: "provider" });
    expect(model("gpt-4o-mini")).toMatchObject({ provider: { id: "openai" }, via: "bare" });
    expect(model("GPT-3.5 Turbo")).toMatchObject({ provider: { id: "openai" }, model: { id: "gpt-3.5-turbo" } });
    expect(model("Mixtral 8x7B")).toMatchObject({ provider: { id: "mistral" }, model: { id: "mixtral-8x7b" } });
    expect(model("anthropic:claude-3-haiku")).toMatchObject({ model: { id: "claude-3-haiku" } });
  });

  test("the record's provider picks among the providers that list a model", () => {
    expect(model("claude-3-haiku").provider.id).toBe("anthropic");
    expect(model("claude-3-haiku", "Google").provider.id).toBe("google");
    expect(model("Mistral 7B", "Mistral AI")).toMatchObject({ provider: { id: "mistral" }, via: "record-provider" });
  });

  test("an unknown model lists close names", () => {
    const r = resolveModel(c, "gpt-4o-minii");
    expect(r).toMatchObject({ ok: false, kind: "unknown" });
    expect(!r.ok && r.matches).toContain("openai:gpt-4o-mini");
    expect(resolveModel(c, "openai:no-such-model-at-all")).toMatchObject({ ok: false, kind: "unknown" });
  });

  test("an ambiguous model lists each provider's entry", () => {
    const r = resolveModel(c, "deepseek/deepseek-v3.2");
    expect(r).toEqual({ ok: false, kind: "ambiguous", name: "deepseek/deepseek-v3.2", matches: ["avian:deepseek/deepseek-v3.2", "openrouter:deepseek/deepseek-v3.2"] });
    expect(model("avian:deepseek/deepseek-v3.2").provider.id).toBe("avian");
  });

  test("an unknown provider lists the providers", () => {
    const r = resolveModel(c, "nosuchcloud:gpt-4o");
    expect(r).toMatchObject({ ok: false, kind: "unknown-provider" });
    expect(!r.ok && r.matches).toContain("openai");
  });

  test.each(Object.entries(MODEL_ALIASES))("alias %s resolves to %s", (alias, target) => {
    const r = model(alias);
    expect(`${r.provider.id}:${r.model.id}`).toBe(target);
    expect(r.via).toBe("alias");
  });
});

describe("names from records are data", () => {
  test.each(["__proto__", "constructor", "toString", "hasOwnProperty"])("%s is an unknown model, not an object's own property", (name) => {
    expect(resolveModel(c, name)).toMatchObject({ ok: false });
    expect(resolveModel(c, `${name}:gpt-4o`)).toMatchObject({ ok: false, kind: "unknown-provider" });
  });

  test("a long or pattern-like name is an unknown name; invisible characters are no part of one", () => {
    expect(resolveModel(c, `${"(a+)+".repeat(5000)}x`)).toMatchObject({ ok: false, kind: "unknown" });
    expect(resolveModel(c, "gpt-4o-mini\u202e")).toMatchObject({ ok: true, resolved: { model: { id: "gpt-4o-mini" } } });
    expect(resolveModel(c, "gpt\u200b-4o-mini")).toMatchObject({ ok: true, resolved: { model: { id: "gpt-4o-mini" } } });
  });
});

describe("any text as a model name", () => {
  test("resolves or is refused, never throws; a refusal names only catalog ids", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("openai:", ":", "a:b:c", "gpt-4o-mini:", "(", "[", "\\\\")), (name) => {
        const r = resolveModel(c, name);
        if (!r.ok) for (const m of r.matches) expect(m.includes(":") || c.providers.some((p) => p.id === m)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

test("a provider and model written with spaces around the colon", () => {
  expect(resolveModel(c, "OpenAI : GPT-4o mini")).toMatchObject({ ok: true, resolved: { provider: { id: "openai" }, model: { id: "gpt-4o-mini" }, via: "provider" } });
});
