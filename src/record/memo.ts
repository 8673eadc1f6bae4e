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
