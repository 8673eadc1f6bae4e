/**
 * A line scanner for the blocks the extractor reads: headings, paragraphs, lists and tables,
 * each with its first line. It follows markdown-it's block rules (CommonMark with GFM tables)
 * step for step, so a record reads the same either way, but makes no token objects, runs no
 * rule chain and builds no inline state: several times faster on a record.
 *
 * It reads the documents almost every record is. Anything else — a tab, a block quote, an
 * indented code block, lists nested very deep — returns null, and the caller parses the text
 * with markdown-it. A differential test holds the two to the same
 * tokens on the fixture, hostile and generated corpora.
 */

/** What the block converter reads of a token: markdown-it's tokens have the same fields. */
export interface BlockToken {
  type: string;
  tag: string;
  map: [number, number] | null;
  content: string;
  /** A paragraph's content as its lines, when the scanner has them split already (markdown-it's tokens do not). */
  lines?: string[];
}

/** Lists nested deeper than this are left to markdown-it (it stops at a nesting of 100). */
const MAX_LIST_DEPTH = 20;
/** markdown-it's bound on empty cells added to short table rows. */
const MAX_AUTOCOMPLETED_CELLS = 65536;

const SPACE = 32;
const HASH = 35;
const PIPE = 124;
const DASH = 45;
const COLON = 58;
const STAR = 42;
const PLUS = 43;
const UNDERSCORE = 95;
const BACKSLASH = 92;
const GT = 62;
const BACKTICK = 96;
const TILDE = 126;

/** Whether markdown-it rules this scanner does not follow could apply anywhere in the text. */
const OUTSIDE = /\t|^ *>/m;

class Unsupported {}
const UNSUPPORTED = new Unsupported();

function escapedSplit(str: string): string[] {
  const result: string[] = [];
  const max = str.length;
  let pos = 0;
  let ch = str.charCodeAt(pos);
  let isEscaped = false;
  let lastPos = 0;
  let current = "";
  while (pos < max) {
    if (ch === PIPE) {
      if (!isEscaped) {
        result.push(current + str.substring(lastPos, pos));
        current = "";
        lastPos = pos + 1;
      } else {
        current += str.substring(lastPos, pos - 1);
        lastPos = pos;
      }
    }
    isEscaped = ch === BACKSLASH;
    pos++;
    ch = str.charCodeAt(pos);
  }
  result.push(current + str.substring(lastPos));
  return result;
}

const trimmable = (c: number) => c === SPACE || c === 9 || c === 10 || c === 13;

function asciiTrimStart(str: string): string {
  let start = 0;
  while (start < str.length && trimmable(str.charCodeAt(start))) start++;
  return str.slice(start);
}

function asciiTrimEnd(str: string): string {
  let end = str.length;
  while (end > 0 && trimmable(str.charCodeAt(end - 1))) end--;
  return str.slice(0, end);
}

function asciiTrim(str: string): string {
  return asciiTrimEnd(asciiTrimStart(str));
}

/**
 * The lines of `asciiTrim(lines.join("\n"))` without joining and splitting again: the first line
 * trimmed at its start and the last at its end. Undefined if trimming would reach past either.
 */
function trimmedLines(lines: readonly string[]): string[] | undefined {
  const out = lines.slice();
  const last = out.length - 1;
  out[0] = asciiTrimStart(out[0]!);
  out[last] = asciiTrimEnd(out[last]!);
  return out[0] !== "" && out[last] !== "" ? out : undefined;
}

class Scanner {
  readonly lines: string[];
  /** Where each line's content starts; with no tabs, also its indent in columns. */
  readonly shift: number[];
  readonly max: number;
  readonly tokens: BlockToken[] = [];
  blkIndent = 0;
  listIndent = -1;
  parentType = "root";
  line = 0;
  depth = 0;

  constructor(src: string) {
    const lines = src.split("\n");
    // markdown-it counts no line after a final line break.
    if (src.endsWith("\n")) lines.pop();
    this.lines = lines;
    this.max = lines.length;
    this.shift = lines.map((l) => {
      let i = 0;
      while (i < l.length && l.charCodeAt(i) === SPACE) i++;
      return i;
    });
  }

  push(type: string, tag: string, map: [number, number] | null, content = "", lines?: string[]): void {
    this.tokens.push(lines ? { type, tag, map, content, lines } : { type, tag, map, content });
  }

  isEmpty(line: number): boolean {
    return line >= this.max || this.shift[line]! >= this.lines[line]!.length;
  }

  skipEmptyLines(from: number): number {
    while (from < this.max && this.isEmpty(from)) from++;
    return from;
  }

  getLines(begin: number, end: number, indent: number): string[] {
    const out: string[] = [];
    for (let line = begin; line < end; line++) {
      const text = this.lines[line]!;
      let first = 0;
      let lineIndent = 0;
      while (first < text.length && lineIndent < indent) {
        if (text.charCodeAt(first) === SPACE || first < this.shift[line]!) lineIndent++;
        else break;
        first++;
      }
      out.push(text.slice(first));
    }
    return out;
  }

  tokenize(startLine: number, endLine: number): void {
    let line = startLine;
    while (line < endLine) {
      this.line = line = this.skipEmptyLines(line);
      if (line >= endLine) break;
      if (this.shift[line]! < this.blkIndent) break;
      // A quote may open inside a list item (`- > quoted`): not followed here.
      if (this.lines[line]!.charCodeAt(this.shift[line]!) === GT) throw UNSUPPORTED;
      if (!(this.table(line, endLine, false) || this.code(line) || this.fence(line, endLine, false) || this.hr(line, false) || this.list(line, endLine, false) || this.heading(line, false))) this.paragraph(line, endLine);
      line = this.line;
      if (line < endLine && this.isEmpty(line)) {
        line++;
        this.line = line;
      }
    }
  }

  /** An indented code block: not followed here. */
  code(startLine: number): boolean {
    if (this.shift[startLine]! - this.blkIndent >= 4) throw UNSUPPORTED;
    return false;
  }

  table(startLine: number, endLine: number, silent: boolean): boolean {
    if (startLine + 2 > endLine) return false;
    let nextLine = startLine + 1;
    if (this.shift[nextLine]! < this.blkIndent) return false;
    if (this.shift[nextLine]! - this.blkIndent >= 4) return false;
    const delim = this.lines[nextLine]!;
    let pos = this.shift[nextLine]!;
    if (pos >= delim.length) return false;
    const firstCh = delim.charCodeAt(pos++);
    if (firstCh !== PIPE && firstCh !== DASH && firstCh !== COLON) return false;
    if (pos >= delim.length) return false;
    const secondCh = delim.charCodeAt(pos++);
    if (secondCh !== PIPE && secondCh !== DASH && secondCh !== COLON && secondCh !== SPACE) return false;
    if (firstCh === DASH && secondCh === SPACE) return false;
    while (pos < delim.length) {
      const ch = delim.charCodeAt(pos);
      if (ch !== PIPE && ch !== DASH && ch !== COLON && ch !== SPACE) return false;
      pos++;
    }
    let columns = delim.slice(this.shift[nextLine]!).split("|");
    let aligns = 0;
    for (let i = 0; i < columns.length; i++) {
      const t = columns[i]!.trim();
      if (!t) {
        if (i === 0 || i === columns.length - 1) continue;
        return false;
      }
      if (!/^:?-+:?$/.test(t)) return false;
      aligns++;
    }
    const head = this.lines[startLine]!.slice(this.shift[startLine]!).trim();
    if (head.indexOf("|") === -1) return false;
    if (this.shift[startLine]! - this.blkIndent >= 4) return false;
    columns = escapedSplit(head);
    if (columns.length && columns[0] === "") columns.shift();
    if (columns.length && columns[columns.length - 1] === "") columns.pop();
    const columnCount = columns.length;
    if (columnCount === 0 || columnCount !== aligns) return false;
    if (silent) return true;

    const oldParentType = this.parentType;
    this.parentType = "table";
    const tableLines: [number, number] = [startLine, 0];
    this.push("table_open", "table", tableLines);
    this.push("thead_open", "thead", [startLine, startLine + 1]);
    this.push("tr_open", "tr", [startLine, startLine + 1]);
    for (const column of columns) {
      this.push("th_open", "th", null);
      this.push("inline", "", null, column.trim());
      this.push("th_close", "th", null);
    }
    this.push("tr_close", "tr", null);
    this.push("thead_close", "thead", null);
    let autocompleted = 0;
    for (nextLine = startLine + 2; nextLine < endLine; nextLine++) {
      if (this.shift[nextLine]! < this.blkIndent) break;
      // The rules that end a block quote end a table: fence, quote, rule, list, heading.
      if (this.fence(nextLine, endLine, true) || this.hr(nextLine, true) || this.list(nextLine, endLine, true) || this.heading(nextLine, true)) break;
      const text = this.lines[nextLine]!.slice(this.shift[nextLine]!).trim();
      if (!text) break;
      if (this.shift[nextLine]! - this.blkIndent >= 4) break;
      columns = escapedSplit(text);
      if (columns.length && columns[0] === "") columns.shift();
      if (columns.length && columns[columns.length - 1] === "") columns.pop();
      autocompleted += columnCount - columns.length;
      if (autocompleted > MAX_AUTOCOMPLETED_CELLS) break;
      this.push("tr_open", "tr", [nextLine, nextLine + 1]);
      for (let i = 0; i < columnCount; i++) {
        this.push("td_open", "td", null);
        this.push("inline", "", null, columns[i] ? columns[i]!.trim() : "");
        this.push("td_close", "td", null);
      }
      this.push("tr_close", "tr", null);
    }
    this.push("table_close", "table", null);
    tableLines[1] = nextLine;
    this.parentType = oldParentType;
    this.line = nextLine;
    return true;
  }

  fence(startLine: number, endLine: number, silent: boolean): boolean {
    const text = this.lines[startLine]!;
    let pos = this.shift[startLine]!;
    if (this.shift[startLine]! - this.blkIndent >= 4) return false;
    if (pos + 3 > text.length) return false;
    const marker = text.charCodeAt(pos);
    if (marker !== TILDE && marker !== BACKTICK) return false;
    const mem = pos;
    while (pos < text.length && text.charCodeAt(pos) === marker) pos++;
    const len = pos - mem;
    if (len < 3) return false;
    if (marker === BACKTICK && text.indexOf("`", pos) >= 0) return false;
    if (silent) return true;
    let nextLine = startLine;
    let haveEndMarker = false;
    for (;;) {
      nextLine++;
      if (nextLine >= endLine) break;
      const line = this.lines[nextLine]!;
      let p = this.shift[nextLine]!;
      if (p < line.length && this.shift[nextLine]! < this.blkIndent) break;
      if (line.charCodeAt(p) !== marker) continue;
      if (this.shift[nextLine]! - this.blkIndent >= 4) continue;
      const from = p;
      while (p < line.length && line.charCodeAt(p) === marker) p++;
      if (p - from < len) continue;
      while (p < line.length && line.charCodeAt(p) === SPACE) p++;
      if (p < line.length) continue;
      haveEndMarker = true;
      break;
    }
    this.line = nextLine + (haveEndMarker ? 1 : 0);
    this.push("fence", "code", [startLine, this.line]);
    return true;
  }

  hr(startLine: number, silent: boolean): boolean {
    if (this.shift[startLine]! - this.blkIndent >= 4) return false;
    const text = this.lines[startLine]!;
    let pos = this.shift[startLine]!;
    const marker = text.charCodeAt(pos++);
    if (marker !== STAR && marker !== DASH && marker !== UNDERSCORE) return false;
    let cnt = 1;
    while (pos < text.length) {
      const ch = text.charCodeAt(pos++);
      if (ch !== marker && ch !== SPACE) return false;
      if (ch === marker) cnt++;
    }
    if (cnt < 3) return false;
    if (silent) return true;
    this.line = startLine + 1;
    this.push("hr", "hr", [startLine, this.line]);
    return true;
  }

  /** Where a bullet marker ends, or -1. */
  bulletAfter(line: number): number {
    const text = this.lines[line]!;
    let pos = this.shift[line]!;
    const marker = text.charCodeAt(pos++);
    if (marker !== STAR && marker !== DASH && marker !== PLUS) return -1;
    if (pos < text.length && text.charCodeAt(pos) !== SPACE) return -1;
    return pos;
  }

  /** Where an ordered marker (`1.`, `12)`) ends, or -1. */
  orderedAfter(line: number): number {
    const text = this.lines[line]!;
    const start = this.shift[line]!;
    let pos = start;
    if (pos + 1 >= text.length) return -1;
    let ch = text.charCodeAt(pos++);
    if (ch < 48 || ch > 57) return -1;
    for (;;) {
      if (pos >= text.length) return -1;
      ch = text.charCodeAt(pos++);
      if (ch >= 48 && ch <= 57) {
        if (pos - start >= 10) return -1;
        continue;
      }
      if (ch === 41 || ch === 46) break;
      return -1;
    }
    if (pos < text.length && text.charCodeAt(pos) !== SPACE) return -1;
    return pos;
  }

  list(startLine: number, endLine: number, silent: boolean): boolean {
    let nextLine = startLine;
    if (this.shift[nextLine]! - this.blkIndent >= 4) return false;
    if (this.listIndent >= 0 && this.shift[nextLine]! - this.listIndent >= 4 && this.shift[nextLine]! < this.blkIndent) return false;
    let isTerminatingParagraph = false;
    if (silent && this.parentType === "paragraph" && this.shift[nextLine]! >= this.blkIndent) isTerminatingParagraph = true;
    let isOrdered: boolean;
    let posAfterMarker: number;
    if ((posAfterMarker = this.orderedAfter(nextLine)) >= 0) {
      isOrdered = true;
      if (isTerminatingParagraph && Number(this.lines[nextLine]!.slice(this.shift[nextLine]!, posAfterMarker - 1)) !== 1) return false;
    } else if ((posAfterMarker = this.bulletAfter(nextLine)) >= 0) {
      isOrdered = false;
    } else {
      return false;
    }
    if (isTerminatingParagraph) {
      let p = posAfterMarker;
      const text = this.lines[nextLine]!;
      while (p < text.length && text.charCodeAt(p) === SPACE) p++;
      if (p >= text.length) return false;
    }
    if (silent) return true;
    if (++this.depth > MAX_LIST_DEPTH) throw UNSUPPORTED;

    const markerCharCode = this.lines[nextLine]!.charCodeAt(posAfterMarker - 1);
    const type = isOrdered ? "ordered_list" : "bullet_list";
    const listLines: [number, number] = [nextLine, 0];
    this.push(`${type}_open`, isOrdered ? "ol" : "ul", listLines);
    const oldParentType = this.parentType;
    this.parentType = "list";
    while (nextLine < endLine) {
      const text = this.lines[nextLine]!;
      let pos = posAfterMarker;
      const initial = posAfterMarker;
      let offset = initial;
      while (pos < text.length && text.charCodeAt(pos) === SPACE) {
        offset++;
        pos++;
      }
      const contentStart = pos;
      let indentAfterMarker = contentStart >= text.length ? 1 : offset - initial;
      if (indentAfterMarker > 4) indentAfterMarker = 1;
      const indent = initial + indentAfterMarker;
      const itemLines: [number, number] = [nextLine, 0];
      this.push("list_item_open", "li", itemLines);
      const oldShift = this.shift[nextLine]!;
      const oldListIndent = this.listIndent;
      this.listIndent = this.blkIndent;
      this.blkIndent = indent;
      this.shift[nextLine] = contentStart;
      if (contentStart >= text.length && this.isEmpty(nextLine + 1)) this.line = Math.min(this.line + 2, endLine);
      else this.tokenize(nextLine, endLine);
      this.blkIndent = this.listIndent;
      this.listIndent = oldListIndent;
      this.shift[nextLine] = oldShift;
      this.push("list_item_close", "li", null);
      nextLine = this.line;
      itemLines[1] = nextLine;
      if (nextLine >= endLine) break;
      if (this.shift[nextLine]! < this.blkIndent) break;
      if (this.shift[nextLine]! - this.blkIndent >= 4) break;
      // The rules that end a list: fence, quote (not in the text) and a rule.
      if (this.fence(nextLine, endLine, true) || this.hr(nextLine, true)) break;
      posAfterMarker = isOrdered ? this.orderedAfter(nextLine) : this.bulletAfter(nextLine);
      if (posAfterMarker < 0) break;
      if (markerCharCode !== this.lines[nextLine]!.charCodeAt(posAfterMarker - 1)) break;
    }
    this.push(`${type}_close`, isOrdered ? "ol" : "ul", null);
    listLines[1] = nextLine;
    this.line = nextLine;
    this.parentType = oldParentType;
    this.depth--;
    return true;
  }

  heading(startLine: number, silent: boolean): boolean {
    const text = this.lines[startLine]!;
    let pos = this.shift[startLine]!;
    let max = text.length;
    if (this.shift[startLine]! - this.blkIndent >= 4) return false;
    let ch = text.charCodeAt(pos);
    if (ch !== HASH || pos >= max) return false;
    let level = 1;
    ch = text.charCodeAt(++pos);
    while (ch === HASH && pos < max && level <= 6) {
      level++;
      ch = text.charCodeAt(++pos);
    }
    if (level > 6 || (pos < max && ch !== SPACE)) return false;
    if (silent) return true;
    // Trailing spaces, then a closing run of `#` after a space.
    while (max > pos && text.charCodeAt(max - 1) === SPACE) max--;
    let tmp = max;
    while (tmp > pos && text.charCodeAt(tmp - 1) === HASH) tmp--;
    if (tmp > pos && text.charCodeAt(tmp - 1) === SPACE) max = tmp;
    this.line = startLine + 1;
    this.push("heading_open", `h${level}`, [startLine, this.line]);
    this.push("inline", "", [startLine, this.line], asciiTrim(text.slice(pos, max)));
    this.push("heading_close", `h${level}`, null);
    return true;
  }

  paragraph(startLine: number, endLine: number): void {
    const oldParentType = this.parentType;
    let nextLine = startLine + 1;
    this.parentType = "paragraph";
    for (; nextLine < endLine && !this.isEmpty(nextLine); nextLine++) {
      if (this.shift[nextLine]! - this.blkIndent > 3) continue;
      if (this.table(nextLine, endLine, true) || this.fence(nextLine, endLine, true) || this.hr(nextLine, true) || this.list(nextLine, endLine, true) || this.heading(nextLine, true)) break;
    }
    const lines = this.getLines(startLine, nextLine, this.blkIndent);
    const content = asciiTrim(lines.join("\n"));
    this.line = nextLine;
    this.push("paragraph_open", "p", [startLine, nextLine]);
    this.push("inline", "", [startLine, nextLine], content, trimmedLines(lines));
    this.push("paragraph_close", "p", null);
    this.parentType = oldParentType;
  }
}

/** The block tokens of `src` as markdown-it makes them, or null where this scanner does not follow it. */
export function scanBlocks(src: string): BlockToken[] | null {
  if (src === "") return [];
  // Each pass over the whole text only where a character it looks for is there at all.
  if ((src.includes("\t") || src.includes(">")) && OUTSIDE.test(src)) return null;
  // markdown-it's own normalisation: line breaks to LF, NUL to U+FFFD.
  const lf = src.includes("\r") ? src.replace(/\r\n?/g, "\n") : src;
  const s = new Scanner(lf.includes("\0") ? lf.replace(/\0/g, "\uFFFD") : lf);
  try {
    s.tokenize(0, s.max);
  } catch (e) {
    if (e === UNSUPPORTED) return null;
    throw e;
  }
  return s.tokens;
}
