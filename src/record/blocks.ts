/**
 * Turns a record body into the blocks the extractor reads: text lines (paragraphs and list
 * items, one per source line) and tables, each with its file line. Block rules only: the
 * extractor reads the raw inline text, so inline parsing would be wasted work.
 */
import MarkdownIt from "markdown-it";
import { scanBlocks, type BlockToken } from "./block-scan.js";
import { normalizeText } from "./quantity/text.js";

export interface TextLine {
  kind: "line";
  text: string;
  line: number;
  /** The nearest heading above, normalised. */
  heading: string;
  /** Every heading above, outermost first. */
  headings: string[];
  /** The text of each list item this line is nested in, outermost first (not the line's own). */
  parents: string[];
  /** Index of the paragraph or list the line belongs to: lines of one list share it. */
  group: number;
  /** A heading: only what it states in a labelled note is read (`### Cost (volume: 1.2B in / 150M out)`). */
  isHeading?: true;
}

export interface TableRow {
  cells: string[];
  line: number;
}

export interface Table {
  kind: "table";
  header: string[];
  rows: TableRow[];
  line: number;
  /** Every heading above, outermost first. */
  headings: string[];
  group: number;
  /** Columns beyond the limit that were not read. */
  droppedColumns: number;
  /** Lines of rows with a cell cut to MAX_LINE_CHARS. */
  longCells: number[];
}

/** A line with figures that is too long to read: reported, not silently dropped. */
export interface LongLine {
  kind: "long";
  line: number;
}

export type Block = TextLine | Table | LongLine;

export const MAX_TABLE_COLUMNS = 32;
export const MAX_LINE_CHARS = 4000;
const BULLET = /^[•・‣◦▪●○■□]\s*/;
const HAS_DIGIT = /[0-9]/;
/** A line with no figure that still says something: `Capex: none`, `初期費用: なし`. */
const STATED_NONE = /[:：]\s*\**\s*(?:none|nil|zero|n\/a|なし|無し|不要|ゼロ)\b/i;

type Markdown = InstanceType<typeof MarkdownIt>;
let parser: Markdown | null = null;
function markdown(): Markdown {
  if (!parser) {
    parser = new MarkdownIt({ html: false, linkify: false, typographer: false });
    parser.core.ruler.disable(["inline", "linkify", "replacements", "smartquotes", "text_join"], true);
    // Link reference definitions, raw HTML and setext headings carry no figures.
    parser.block.ruler.disable(["reference", "html_block", "lheading"], true);
  }
  return parser;
}

type Token = BlockToken;

/** markdown-it's block tokens of a normalised text: what the line scanner is held to. */
export function markdownTokens(text: string): Token[] {
  return markdown().parse(text, {});
}

/** `scanner: false` parses with markdown-it alone (the differential test compares the two). */
export function toBlocks(body: string, lineOffset: number, scanner = true): Block[] {
  // Normalised once for the whole body (full-width digits and punctuation, bold markers):
  // cheaper than per cell, and it leaves line breaks, so line numbers are unchanged.
  const text = normalizeText(body);
  // The line scanner reads almost every record; markdown-it the rest (tabs, block quotes, indented code).
  const tokens: readonly Token[] = (scanner ? scanBlocks(text) : null) ?? markdownTokens(text);
  const blocks: Block[] = [];
  const headings: string[] = [];
  let group = 0;
  let listDepth = 0;
  /** Open list items: the text of each, once its first paragraph is seen. */
  const items: Array<string | null> = [];
  let table: Table | null = null;
  let row: TableRow | null = null;
  let inHead = false;
  /**
   * A paragraph that ends with a colon, right before a list, leads it: `**What we pay today**
   * (Claude 3.5 Haiku):` names whose prices the list's items are.
   */
  let lastParagraph: string | null = null;
  let lead: string | null = null;
  const fileLine = (t: Token) => (t.map ? t.map[0] + lineOffset + 1 : lineOffset + 1);

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case "heading_open": {
        const level = Number(t.tag.slice(1)) || 1;
        headings.length = Math.min(headings.length, level - 1);
        while (headings.length < level - 1) headings.push("");
        const text = (tokens[i + 1]?.content ?? "").trim();
        headings.push(text);
        group++;
        lastParagraph = null;
        if (HAS_DIGIT.test(text) && /[(（][^)）]*[:：]/.test(text) && text.length <= MAX_LINE_CHARS) {
          const context = headings.filter((h) => h !== "");
          blocks.push({ kind: "line", text, line: fileLine(t), heading: text, headings: context, parents: [], group, isHeading: true });
        }
        break;
      }
      case "bullet_list_open":
      case "ordered_list_open":
        if (listDepth === 0) {
          group++;
          lead = lastParagraph !== null && /[:：]\s*$/.test(lastParagraph) ? lastParagraph : null;
        }
        listDepth++;
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        listDepth--;
        if (listDepth === 0) {
          lead = null;
          lastParagraph = null;
        }
        break;
      case "list_item_open":
        items.push(null);
        break;
      case "list_item_close":
        items.pop();
        break;
      case "table_open":
        lastParagraph = null;
        table = { kind: "table", header: [], rows: [], line: fileLine(t), headings: headings.filter((h) => h !== ""), group: ++group, droppedColumns: 0, longCells: [] };
        break;
      case "thead_open":
        inHead = true;
        break;
      case "thead_close":
        inHead = false;
        break;
      case "tr_open":
        row = { cells: [], line: fileLine(t) };
        break;
      case "th_open":
      case "td_open": {
        const cell = (tokens[i + 1]?.type === "inline" ? tokens[i + 1]!.content : "").trim();
        if (row && cell.length > MAX_LINE_CHARS && table) table.longCells.push(row.line);
        if (row && row.cells.length < MAX_TABLE_COLUMNS) row.cells.push(cell.slice(0, MAX_LINE_CHARS));
        else if (table && inHead) table.droppedColumns++;
        break;
      }
      case "tr_close":
        if (table && row) {
          if (inHead) table.header = row.cells;
          else table.rows.push(row);
        }
        row = null;
        break;
      case "table_close":
        if (table) blocks.push(table);
        table = null;
        group++;
        break;
      case "inline": {
        const prev = tokens[i - 1];
        if (prev?.type !== "paragraph_open" || table) break;
        if (listDepth === 0) group++;
        const first = fileLine(t);
        const lines = t.lines ?? t.content.split("\n");
        // The parents of a line: the items it sits in, the innermost (its own) left out.
        const own = items.length > 0 && items[items.length - 1] === null;
        const parents = [...(listDepth > 0 && lead !== null ? [lead] : []), ...items.slice(0, own ? -1 : undefined).filter((x): x is string => x !== null)];
        if (listDepth === 0) lastParagraph = t.content.trim();
        if (own) items[items.length - 1] = lines[0]!.trim();
        const context = headings.filter((h) => h !== "");
        lines.forEach((raw: string, k: number) => {
          // Every figure the extractor reads has a digit; lines of prose alone are skipped.
          if (!HAS_DIGIT.test(raw) && !STATED_NONE.test(raw)) return;
          if (raw.length > MAX_LINE_CHARS) {
            blocks.push({ kind: "long", line: first + k });
            return;
          }
          // `• Pro: $1.25/1M in`: a bullet typed as a character (pasted from chat) is not part of the text.
          blocks.push({ kind: "line", text: raw.trim().replace(BULLET, ""), line: first + k, heading: context[context.length - 1] ?? "", headings: context, parents, group });
        });
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}
