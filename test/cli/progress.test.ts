/** The progress line of a long batch: on a terminal only, never in CI, never under streamed reports. */
import { describe, expect, it } from "vitest";
import { progress } from "../../src/cli/collect.js";

function fake(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, write: (s: string) => (written.push(s), true), written };
}

describe("progress", () => {
  it("counts on a terminal for a long batch, and clears its line at the end", () => {
    const err = fake(true);
    const tick = progress(300, false, err as never, {}, { isTTY: false });
    for (let i = 0; i < 300; i++) tick();
    tick.done();
    expect(err.written[0]).toBe("\r1/300 records");
    expect(err.written).toContain("\r300/300 records");
    expect(err.written[err.written.length - 1]).toBe("\r\u001b[K");
  });

  it.each([
    ["not a terminal", false, {}, false, false, 300],
    ["in CI", true, { CI: "1" }, false, false, 300],
    ["a short batch", true, {}, false, false, 10],
    ["reports streamed to the same terminal (ndjson, json, junit)", true, {}, true, true, 300],
  ] as const)("is silent: %s", (_why, tty, env, streaming, stdoutTTY, total) => {
    const err = fake(tty);
    const tick = progress(total, streaming, err as never, env as never, { isTTY: stdoutTTY });
    for (let i = 0; i < total; i++) tick();
    tick.done();
    expect(err.written).toEqual([]);
  });
});
