import { test } from "vitest";
import { load, SEED } from "./helpers.js";
import { evaluate } from "../src/evaluate.js";
test("x", () => {
  evaluate(load(SEED), { whatif: { swing: 20 } });
  const t = performance.now();
  const r = evaluate(load(SEED), { whatif: { swing: 20 } });
  console.log(performance.now() - t);
  console.log(JSON.stringify(r.whatif!.flips.map(f => [f.rule, f.flips.map(x => [x.input, x.at, x.method])])));
});
