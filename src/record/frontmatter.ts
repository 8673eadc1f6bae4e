/**
 * Splits a record into frontmatter and body and reads the frontmatter as YAML data.
 * gray-matter is always called with options (its no-options path caches every document) and
 * only ever with the YAML engine below; every other frontmatter language is refused before
 * gray-matter sees the text, and its JavaScript engines are replaced so nothing can `eval`.
 */
import matter from "gray-matter";
import { LineCounter, parseDocument, visit, isCollection, isScalar, type Document } from "yaml";
import { finding, type Finding } from "./findings.js";

export const MAX_FRONTMATTER_BYTES = 256 * 1024;
const MAX_ALIASES = 100;
const MAX_DEPTH = 32;
const SAFE_TAGS = new Set([
  "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
]);

export interface SplitRecord {
  data: Record<string, unknown>;
  body: string;
  /** File line of the body's first line, minus one: body line n is file line n + bodyOffset. */
  bodyOffset: number;
  /** File line of the value at a key path in the frontmatter, when it can be found. */
  lineOf: (path: ReadonlyArray<string | number>) => number | null;
}

class FrontmatterError extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}

const refuse = (language: string) => () => {
  throw new FrontmatterError(finding("frontmatter-language", { language }, 1));
};

/** Reads YAML with the `yaml` package: core schema, bounded aliases, no custom tags. */
function yamlEngine(state: { doc?: Document; counter?: LineCounter }) {
  return (source: string): Record<string, unknown> => {
    const counter = new LineCounter();
    const doc = parseDocument(source, { lineCounter: counter, schema: "core", uniqueKeys: true, maxAliasCount: MAX_ALIASES, prettyErrors: false });
    state.doc = doc;
    state.counter = counter;
    // gray-matter hands over the text after `---`, starting with its newline: lines match the file's.
    const fileLine = (offset: number) => counter.linePos(offset).line;
    const first = doc.errors[0];
    if (first) {
      const reason = first.message.split("\n")[0] ?? first.message;
      throw new FrontmatterError(finding("yaml-syntax", { reason: reason.replace(/ at line \d+, column \d+:?$/, "") }, fileLine(first.pos[0])));
    }
    let depthError: Finding | null = null;
    visit(doc, {
      Node(_key, node, path) {
        if ((isScalar(node) || isCollection(node)) && node.tag && !SAFE_TAGS.has(node.tag)) {
          throw new FrontmatterError(finding("yaml-tag", { tag: node.tag.replace("tag:yaml.org,2002:", "!!") }, fileLine(node.range?.[0] ?? 0)));
        }
        if (path.length > MAX_DEPTH * 2 && depthError === null) {
          depthError = finding("yaml-too-deep", {}, fileLine(node.range?.[0] ?? 0));
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (depthError) throw new FrontmatterError(depthError);
    try {
      const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIASES });
      if (data === null || typeof data !== "object" || Array.isArray(data)) {
        throw new FrontmatterError(finding("frontmatter-not-map", {}, 2));
      }
      return data as Record<string, unknown>;
    } catch (e) {
      if (e instanceof FrontmatterError) throw e;
      if (e instanceof Error && /alias/i.test(e.message)) throw new FrontmatterError(finding("yaml-aliases", {}, 2));
      throw e;
    }
  };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** `text` is already free of BOM and CR line endings. */
export function splitFrontmatter(text: string): SplitRecord | Finding {
  const firstLineEnd = text.indexOf("\n");
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  if (!firstLine.startsWith("---") || firstLine.startsWith("----")) return finding("no-frontmatter", {}, 1);
  const language = firstLine.slice(3).trim().toLowerCase();
  if (language !== "" && language !== "yaml" && language !== "yml") {
    return finding("frontmatter-language", { language: language.slice(0, 40) }, 1);
  }
  const close = /^---[ \t]*$/m;
  const afterOpen = firstLineEnd === -1 ? "" : text.slice(firstLineEnd + 1);
  const closeMatch = close.exec(afterOpen);
  if (!closeMatch) return finding("frontmatter-unclosed", {}, 1);
  if (closeMatch.index > MAX_FRONTMATTER_BYTES) return finding("frontmatter-too-large", { limit: MAX_FRONTMATTER_BYTES }, 1);
  // gray-matter looks for the first "\n---"; normalise the opening line so both agree.
  const source = `---\n${afterOpen}`;

  const state: { doc?: Document; counter?: LineCounter } = {};
  const engine = { parse: yamlEngine(state), stringify: refuse("yaml") };
  let file: { data: unknown; content: string };
  try {
    file = matter(source, {
      language: "yaml",
      engines: {
        yaml: engine,
        javascript: { parse: refuse("javascript") },
        js: { parse: refuse("js") },
        coffee: { parse: refuse("coffee") },
        json: { parse: refuse("json") },
        toml: { parse: refuse("toml") },
      },
    } as matter.GrayMatterOption<string, never>);
  } catch (e) {
    if (e instanceof FrontmatterError) return e.finding;
    if (e instanceof RangeError) return finding("yaml-too-deep", {}, 2);
    throw e;
  }
  const data = (file.data ?? {}) as Record<string, unknown>;
  const bodyStart = source.length - file.content.length;
  const bodyOffset = countLines(source, bodyStart);

  const lineOf = (path: ReadonlyArray<string | number>): number | null => {
    const node = state.doc?.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const start = node?.range?.[0];
    if (start === undefined || !state.counter) return null;
    return state.counter.linePos(start).line;
  };
  return { data, body: file.content, bodyOffset, lineOf };
}
