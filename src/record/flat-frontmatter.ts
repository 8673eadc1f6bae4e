/**
 * The frontmatter most records have, read without gray-matter and the `yaml` package: a flat
 * map of one-line scalars and of sequences of them (`tags: [a, b]`, or `- a` lines). It gives
 * exactly what the full reading gives (data and lines) or null for anything it is not sure of —
 * a comment, an anchor, a nested map, a scalar YAML would read as null, a boolean or a number in
 * another notation, a key twice — and the full reading then runs and finds any error, so this
 * reader has no error of its own to report.
 */

export interface FlatFrontmatter {
  data: Record<string, unknown>;
  lineOf: (path: ReadonlyArray<string | number>) => number | null;
}

type Scalar = string | number;

/**
 * Characters YAML reads as themselves: tabs, control characters, NEL, the line and paragraph
 * separators (line breaks to a regular expression, not to YAML), BOMs and lone surrogates all
 * send the text the full way. (Without the `u` flag: it makes the test several times slower.)
 */
const ODD_CHAR = /[^\n\x20-\x7E\u00A0-\u2027\u202A-\uFEFE\uFF00-\uFFFD]/;
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A key at the margin: a name, not a number, quoted or odd; YAML's 1,024-character limit is far off. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +(.*))?$/;
const ITEM_LINE = /^( *)- (.*)$/;
/** Keys an object already has: the full reading defines them as own properties, `__proto__` too. */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
/** Keys the core schema reads as null or a boolean. */
const SPECIAL_KEY = /^(?:null|true|false)$/i;
/** Characters a plain scalar cannot start with (YAML indicators), but for a number's `-`. */
const INDICATOR = new Set("-?:,[]{}#&*!|>'\"%@`");
const INT = /^-?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^-?(?:0|[1-9][0-9]*)\.[0-9]+$/;
/** The core schema has no timestamps: a plain date is a string. */
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/**
 * Plain scalars the core schema may read as other than a string (`~`, `null`, `TRUE`, `0x1F`,
 * `0o17`, `1e3`, `+1`, `.inf`, `.NaN`), and look-alikes from YAML 1.1 (`1_000`, `1:20`): every
 * such reading is a word of these characters, so a scalar with any other is a string.
 */
const MAYBE_SPECIAL = /^[-+.~0-9][0-9A-Za-z.+\-_:~]*$|^(?:null|true|false)$/i;
const ESCAPES = new Map([['"', '"'], ["\\", "\\"], ["/", "/"], ["n", "\n"], ["t", "\t"]]);

function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** A one-line quoted scalar starting at `start`: its value and the index after its closing quote. */
function quoted(s: string, start: number): { value: string; end: number } | undefined {
  const q = s[start];
  let out = "";
  let from = start + 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (q === "'") {
      if (c !== "'") continue;
      if (s[i + 1] !== "'") return { value: out + s.slice(from, i), end: i + 1 };
      out += s.slice(from, i + 1);
      from = ++i + 1;
    } else if (c === '"') return { value: out + s.slice(from, i), end: i + 1 };
    else if (c === "\\") {
      const e = ESCAPES.get(s[i + 1] ?? "");
      if (e === undefined) return undefined;
      out += s.slice(from, i) + e;
      from = ++i + 1;
    }
  }
  return undefined;
}

/** A plain scalar, already free of surrounding spaces; in a flow sequence when `flow`. */
function plain(s: string, flow: boolean): Scalar | undefined {
  if (INT.test(s)) return parseInt(s, 10);
  if (FLOAT.test(s)) return parseFloat(s);
  if (DATE.test(s)) return s;
  if (s === "" || INDICATOR.has(s[0]!) || s[0] === " " || MAYBE_SPECIAL.test(s)) return undefined;
  if (s.includes(": ") || s.endsWith(":") || s.includes(" #")) return undefined;
  if (flow && /[,[\]{}:#]/.test(s)) return undefined;
  return s;
}

/** A scalar filling `s` (a value after `key: ` or `- `, trailing spaces gone). */
function scalar(s: string): Scalar | undefined {
  if (s[0] !== '"' && s[0] !== "'") return plain(s, false);
  const q = quoted(s, 0);
  return q && q.end === s.length ? q.value : undefined;
}

/** `[a, "b", 3]` filling `s`, scalars only, no trailing comma. */
function flowSequence(s: string): Scalar[] | undefined {
  const items: Scalar[] = [];
  let i = 1;
  const skipSpaces = () => {
    while (s[i] === " ") i++;
  };
  skipSpaces();
  if (s[i] === "]") return i + 1 === s.length ? items : undefined;
  for (;;) {
    skipSpaces();
    let value: Scalar | undefined;
    if (s[i] === '"' || s[i] === "'") {
      const q = quoted(s, i);
      if (!q) return undefined;
      value = q.value;
      i = q.end;
      skipSpaces();
    } else {
      let j = i;
      while (j < s.length && s[j] !== "," && s[j] !== "]") j++;
      value = plain(trimEnd(s.slice(i, j)), true);
      i = j;
    }
    if (value === undefined) return undefined;
    items.push(value);
    if (s[i] === "]") return i + 1 === s.length ? items : undefined;
    if (s[i] !== ",") return undefined;
    i++;
  }
}

/** A path's index into a sequence, as the `yaml` package reads one (`"1"` is 1). */
function itemIndex(key: string | number): number | null {
  const idx = typeof key === "string" && key !== "" ? Number(key) : key;
  return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
}

/**
 * `source`: the frontmatter's lines, each ending in a newline; its first line is file line
 * `lineOffset + 1`.
 */
export function readFlatFrontmatter(source: string, lineOffset: number): FlatFrontmatter | null {
  if (source === "" || ODD_CHAR.test(source) || (SURROGATE.test(source) && LONE_SURROGATE.test(source))) return null;
  const rows = source.split("\n");
  const data: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  const itemLines = new Map<string, number[]>();
  // The block sequence being read (`key:` then `- item` lines) and its items' indent.
  let open: { items: Scalar[]; lines: number[]; indent: number } | null = null;
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n]!;
    const line = n + 1 + lineOffset;
    if (trimEnd(row) === "") continue;
    if (open) {
      const item = ITEM_LINE.exec(row);
      if (item) {
        const indent = item[1]!.length;
        if (open.indent !== -1 && indent !== open.indent) return null;
        const value = scalar(trimEnd(item[2]!));
        if (value === undefined) return null;
        open.indent = indent;
        open.items.push(value);
        open.lines.push(line);
        continue;
      }
      if (open.items.length === 0) return null; // `key:` with nothing under it is null
      open = null;
    }
    const m = KEY_LINE.exec(row);
    if (!m) return null;
    const key = m[1]!;
    if (keyLines.has(key) || PROTOTYPE_KEYS.has(key) || SPECIAL_KEY.test(key)) return null;
    keyLines.set(key, line);
    const text = trimEnd(m[2] ?? "");
    let value: unknown;
    if (text === "") {
      open = { items: [], lines: [], indent: -1 };
      itemLines.set(key, open.lines);
      value = open.items;
    } else if (text[0] === "[") {
      const items = flowSequence(text);
      if (!items) return null;
      itemLines.set(key, items.map(() => line));
      value = items;
    } else {
      value = scalar(text);
      if (value === undefined) return null;
      // An id is a name: `id: 101` stays the string written, as in the full reading.
      if (key === "id" && typeof value === "number") value = text;
    }
    data[key] = value;
  }
  if (keyLines.size === 0 || open?.items.length === 0) return null;
  const firstLine = keyLines.values().next().value!;
  // As the full reading: a path's line is its key's, or its item's; nothing deeper exists here.
  const lineOf = (path: ReadonlyArray<string | number>): number | null => {
    if (path.length === 0) return firstLine;
    if (path.length === 1) return keyLines.get(String(path[0])) ?? null;
    if (path.length > 2 || typeof path[0] !== "string") return null;
    const lines = itemLines.get(path[0]);
    const idx = itemIndex(path[1]!);
    return lines === undefined || idx === null ? null : (lines[idx] ?? null);
  };
  return { data, lineOf };
}
