/**
 * YAML as plain data, for frontmatter and policy files alike: the core schema (no timestamps,
 * no custom types), no explicit tags but the core ones, bounded aliases and nesting.
 */
import { LineCounter, parseDocument, visit, isCollection, isScalar } from "yaml";
import { finding, type Finding } from "./findings.js";

const MAX_ALIASES = 100;
const MAX_DEPTH = 32;
const SAFE_TAGS = new Set([
  "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
]);

export interface YamlData {
  data: unknown;
  /** Line (in the source's own numbering, plus `lineOffset`) of the node at a key path. */
  lineOf: (path: ReadonlyArray<string | number>) => number | null;
}

export function readYaml(source: string, lineOffset = 0): YamlData | Finding {
  const counter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(source, { lineCounter: counter, schema: "core", uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    if (e instanceof RangeError) return finding("yaml-too-deep", {}, lineOffset + 1);
    throw e;
  }
  const lineAt = (offset: number) => counter.linePos(offset).line + lineOffset;
  const first = doc.errors[0];
  if (first) {
    const reason = (first.message.split("\n")[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, "");
    return finding("yaml-syntax", { reason }, lineAt(first.pos[0]));
  }
  let problem: Finding | null = null;
  visit(doc, {
    Node(_key, node, path) {
      if ((isScalar(node) || isCollection(node)) && node.tag && !SAFE_TAGS.has(node.tag)) {
        problem = finding("yaml-tag", { tag: node.tag.replace("tag:yaml.org,2002:", "!!") }, lineAt(node.range?.[0] ?? 0));
        return visit.BREAK;
      }
      if (path.length > MAX_DEPTH * 2) {
        problem = finding("yaml-too-deep", {}, lineAt(node.range?.[0] ?? 0));
        return visit.BREAK;
      }
      return undefined;
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
  const lineOf = (path: ReadonlyArray<string | number>): number | null => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const start = node?.range?.[0];
    return start === undefined ? null : lineAt(start);
  };
  return { data, lineOf };
}
