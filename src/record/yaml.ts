/**
 * YAML as plain data, for frontmatter and policy files alike: the core schema (no timestamps,
 * no custom types), no explicit tags but the core ones, bounded aliases and nesting.
 */
import { LineCounter, parseDocument, visit, isCollection, isMap, isScalar, isSeq, type Node } from "yaml";
import { finding, type Finding } from "./findings.js";

const MAX_ALIASES = 100;
const MAX_DEPTH = 64;
const SAFE_TAGS = new Set([
  "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
]);

export interface YamlData {
  data: unknown;
  /** Line (in the source's own numbering, plus `lineOffset`) of the node at a key path. */
  lineOf: (path: ReadonlyArray<string | number>) => number | null;
}

/** A cycle through aliases (`a: &x [*x]`) or nesting past the limit, found before anyone recurses. */
function checkShape(data: unknown): "yaml-cycle" | "yaml-too-deep" | null {
  const ancestors = new Set<object>();
  const walk = (value: unknown, depth: number): "yaml-cycle" | "yaml-too-deep" | null => {
    if (value === null || typeof value !== "object") return null;
    if (ancestors.has(value)) return "yaml-cycle";
    if (depth > MAX_DEPTH) return "yaml-too-deep";
    ancestors.add(value);
    for (const child of Object.values(value)) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    ancestors.delete(value);
    return null;
  };
  return walk(data, 0);
}

/**
 * Nesting the parser would recurse into, found by a linear scan first: the yaml package
 * recurses per level and overflows the stack on `[[[[…` or `- - - - …` long before any later
 * check could run. Returns the 1-based line of the first place too deep, or null.
 */
function tooDeep(source: string): number | null {
  let depth = 0;
  let line = 1;
  let quote: string | null = null;
  let lineStart = true;
  let dashes = 0;
  let column = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    column++;
    if (c === "\n") {
      line++;
      lineStart = true;
      dashes = 0;
      column = 0;
      if (quote === "'" || quote === '"') continue;
      quote = null;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "#" && (i === 0 || source[i - 1] === " ")) quote = "\n"; // a comment, to the end of the line
    else if ((c === "'" || c === '"') && depth > 0) quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
    if (lineStart && c === "-" && (source[i + 1] === " " || source[i + 1] === "\n")) dashes++;
    else if (c !== " ") lineStart = false;
    if (depth > MAX_DEPTH || dashes > MAX_DEPTH || (lineStart && column > MAX_DEPTH * 8)) return line;
  }
  return null;
}

export function readYaml(source: string, lineOffset = 0): YamlData | Finding {
  const deepAt = tooDeep(source);
  if (deepAt !== null) return finding("yaml-too-deep", {}, deepAt + lineOffset);
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(source, { lineCounter: counter, schema: "core", uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    if (e instanceof RangeError) return finding("yaml-too-deep", {}, lineOffset + 1);
    throw e;
  }
  const lineAt = (offset: number) => counter.linePos(offset).line + lineOffset;
  const first = doc.errors[0];
  if (first) {
    const raw = (first.message.split("\n")[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, "");
    // The library's advice to its own callers is not the user's to take.
    const reason = first.code === "MULTIPLE_DOCS" ? "more than one YAML document (a `---` inside it); a file holds one" : raw.replace(/;?\s*please use [^.]*\.?$/i, "");
    return finding("yaml-syntax", { reason }, lineAt(first.pos[0]));
  }
  let problem: Finding | null = null;
  const checkNode = (node: Node, path: readonly unknown[]): Finding | null => {
    const at = () => lineAt(node.range?.[0] ?? 0);
    if ((isScalar(node) || isCollection(node)) && node.tag && !SAFE_TAGS.has(node.tag)) {
      return finding("yaml-tag", { tag: node.tag.replace("tag:yaml.org,2002:", "!!") }, at());
    }
    if (path.length > MAX_DEPTH * 2 + 2) return finding("yaml-too-deep", {}, at());
    if (isMap(node)) {
      // The yaml package's own duplicate-key check compares every pair of keys; this is linear.
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (keys.has(key)) {
          const start = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
          return finding("yaml-syntax", { reason: `duplicate key ${JSON.stringify(String(key)).slice(0, 60)}` }, lineAt(start));
        }
        keys.add(key);
      }
    }
    return null;
  };
  visit(doc, {
    Node(_key, node, path) {
      problem = checkNode(node, path);
      return problem ? visit.BREAK : undefined;
    },
  });
  if (problem) return problem;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof RangeError) return finding("yaml-too-deep", {}, lineOffset + 1);
    if (e instanceof Error && /alias/i.test(e.message)) return finding("yaml-aliases", {}, lineOffset + 1);
    throw e;
  }
  keepIdsAsWritten(doc.contents, data);
  const shape = checkShape(data);
  if (shape) return finding(shape, {}, lineOffset + 1);
  // The line of a path is its key's: a key whose value is a block (`rules:` above its items)
  // is on the line before its value.
  const lineOf = (path: ReadonlyArray<string | number>): number | null => {
    if (path.length > 0) {
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      const last = path[path.length - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
        const at = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
        if (at !== undefined) return lineAt(at);
      }
    }
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const start = node?.range?.[0];
    return start === undefined ? null : lineAt(start);
  };
  return { data, lineOf };
}

/**
 * An `id` is a name, not a number: `007`, `0x1F` and a 20-digit id stay as written, where YAML's
 * core schema would make them 7, 31 and a rounded float.
 */
function keepIdsAsWritten(node: unknown, data: unknown, depth = 0): void {
  if (depth > MAX_DEPTH * 2 + 2 || data === null || typeof data !== "object") return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : null;
      if (typeof key !== "string") continue;
      const value = pair.value;
      if (key === "id" && isScalar(value) && typeof value.value === "number" && typeof value.source === "string" && !Array.isArray(data)) {
        (data as Record<string, unknown>)[key] = value.source;
      } else keepIdsAsWritten(value, (data as Record<string, unknown>)[key], depth + 1);
    }
  } else if (isSeq(node) && Array.isArray(data)) {
    node.items.forEach((item, i) => keepIdsAsWritten(item, data[i], depth + 1));
  }
}
