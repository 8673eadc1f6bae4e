/**
 * Splits a record into frontmatter and body and reads the frontmatter as YAML data.
 * gray-matter is always called with options (its no-options path caches every document) and
 * only ever with the YAML engine below; every other frontmatter language is refused before
 * gray-matter sees the text, and its JavaScript engines are replaced so nothing can `eval`.
 */
import matter from "gray-matter";
import { finding, type Finding } from "./findings.js";
import { readYaml } from "./yaml.js";
import { readFlatFrontmatter } from "./flat-frontmatter.js";
import { clip } from "./quantity/text.js";

export const MAX_FRONTMATTER_BYTES = 256 * 1024;

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

/**
 * gray-matter's YAML engine, reading with the `yaml` package. gray-matter hands over the text
 * after `---`, starting with its newline, so YAML line numbers are the file's.
 */
function yamlEngine(state: { lineOf?: SplitRecord["lineOf"] }) {
  return (source: string): Record<string, unknown> => {
    const read = readYaml(source);
    if ("code" in read) throw new FrontmatterError(read);
    if (read.data === null || typeof read.data !== "object" || Array.isArray(read.data)) {
      throw new FrontmatterError(finding("frontmatter-not-map", {}, 2));
    }
    state.lineOf = read.lineOf;
    return read.data as Record<string, unknown>;
  };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * `text` is already free of BOM and CR line endings. `flat` reads the common flat frontmatter
 * quickly or returns null; tests pass null to read everything the full way and compare.
 */
export function splitFrontmatter(text: string, flat: typeof readFlatFrontmatter | null = readFlatFrontmatter): SplitRecord | Finding {
  const firstLineEnd = text.indexOf("\n");
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  if (!firstLine.startsWith("---") || firstLine.startsWith("----")) return finding("no-frontmatter", {}, 1);
  const language = firstLine.slice(3).trim().toLowerCase();
  if (language !== "" && language !== "yaml" && language !== "yml") {
    return finding("frontmatter-language", { language: clip(language, 40) }, 1);
  }
  const close = /^---[ \t]*$/m;
  const afterOpen = firstLineEnd === -1 ? "" : text.slice(firstLineEnd + 1);
  const closeMatch = close.exec(afterOpen);
  if (!closeMatch) return finding("frontmatter-unclosed", {}, 1);
  if (closeMatch.index > MAX_FRONTMATTER_BYTES) return finding("frontmatter-too-large", { limit: MAX_FRONTMATTER_BYTES }, 1);
  const frontmatter = afterOpen.slice(0, closeMatch.index);
  const bodyStart = firstLineEnd + 1 + closeMatch.index + closeMatch[0].length + 1;
  const body = () => ({ body: text.slice(bodyStart), bodyOffset: countLines(text, Math.min(bodyStart, text.length)) });
  // Most frontmatter is a flat map, read here at a fraction of the cost; the rest, and anything
  // wrong, is read the full way below.
  const read = flat?.(frontmatter, 1);
  if (read) return { ...read, ...body() };
  // gray-matter gets the frontmatter alone: it copies and hashes whatever it is given, and the
  // body is split here already.
  const source = `---\n${frontmatter}---\n`;

  const state: { lineOf?: SplitRecord["lineOf"] } = {};
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
    } as unknown as Parameters<typeof matter>[1]);
  } catch (e) {
    if (e instanceof FrontmatterError) return e.finding;
    if (e instanceof RangeError) return finding("yaml-too-deep", {}, 2);
    throw e;
  }
  // gray-matter closes at the first line starting with `---`; a line like `--- x` inside the
  // frontmatter would end it early and leave the rest as content.
  if (file.content.trim() !== "") return finding("frontmatter-unclosed", {}, 1);
  const data = (file.data ?? {}) as Record<string, unknown>;
  const lineOf = state.lineOf ?? (() => null);
  return { data, ...body(), lineOf };
}
