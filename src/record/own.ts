/** A record's own entry: keys come from untrusted text, and `constructor` must not find Object's. */
export function own<T>(o: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}
