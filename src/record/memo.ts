/**
 * A memo of a pure function's results by text, for the labels, units, names and cells that
 * repeat within a record and across a batch (its owner clears it when what the results depend
 * on changes). It holds at most MEMO_ENTRIES entries and starts afresh when full: a batch thread reads thousands of records, and every distinct text kept is memory
 * that lives as long as the thread.
 */
export const MEMO_ENTRIES = 2_000;

export class TextMemo<V> {
  private readonly map = new Map<string, V>();

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  clear(): void {
    this.map.clear();
  }

  set(key: string, value: V): void {
    if (this.map.size >= MEMO_ENTRIES) this.map.clear();
    this.map.set(key, value);
  }
}

/**
 * A pure function of a UTF-16 code (0 to 0xFFFF) to a small whole number (0 to 0xFFFF), decided on
 * first sight and then read from a table: for the questions readers ask of every character.
 */
export function byCode(decide: (code: number) => number): (code: number) => number {
  // 0: not decided yet; otherwise the answer plus one.
  const known = new Uint32Array(0x10000);
  return (code) => {
    const k = known[code]!;
    if (k !== 0) return k - 1;
    const answer = decide(code);
    known[code] = answer + 1;
    return answer;
  };
}
