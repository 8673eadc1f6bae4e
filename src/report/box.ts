/**
 * Box tables for the terminal, drawn in one pass over the cells: time and memory linear in the
 * number of rows (a record may have thousands of metrics). Cells may hold colour and line breaks;
 * widths are display widths (Japanese and emoji take two columns), as the terminal shows them.
 */
import stringWidth from "string-width";

const widthsSeen = new Map<string, number>();

/** Display width of one line of a cell; plain ASCII needs no lookup, and others repeat (model names). */
function width(line: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(line)) return line.length;
  let w = widthsSeen.get(line);
  if (w === undefined) {
    if (widthsSeen.size >= 4096) widthsSeen.clear();
    w = stringWidth(line);
    widthsSeen.set(line, w);
  }
  return w;
}

const pad = (line: string, w: number) => line + " ".repeat(Math.max(0, w - width(line)));

/** Words wrapped to `w` columns; a word longer than that (a number, a name) stays whole. */
function wrap(line: string, w: number): string[] {
  if (width(line) <= w) return [line];
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    const next = current === "" ? word : `${current} ${word}`;
    if (current !== "" && width(next) > w) {
      out.push(current);
      current = word;
    } else current = next;
  }
  if (current !== "") out.push(current);
  return out;
}

/** The narrowest a column of text may become: its longest word, and never under 10. */
const MIN_TEXT = 10;

/**
 * A box table. With `maxWidth`, columns of text (those with spaces in them) are narrowed, widest
 * first, and their cells wrapped at spaces until the table fits; numbers are never broken.
 */
export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, maxWidth?: number): string {
  const columns = rows.reduce((n, r) => Math.max(n, r.length), head.length);
  const widths = new Array<number>(columns).fill(0);
  const split = (row: readonly string[]) => Array.from({ length: columns }, (_, j) => (row[j] ?? "").split("\n"));
  let cells = [head, ...rows].map(split);
  for (const row of cells) row.forEach((lines, j) => lines.forEach((l) => (widths[j] = Math.max(widths[j]!, width(l)))));
  const total = () => widths.reduce((a, b) => a + b, 0) + 3 * columns + 1;
  if (maxWidth !== undefined && total() > maxWidth) {
    const floor = widths.map((_, j) => {
      const words = cells.slice(1).flatMap((row) => row[j]!.flatMap((l) => l.split(" ")));
      const text = cells.slice(1).some((row) => row[j]!.some((l) => l.includes(" ")));
      return text ? words.reduce((n, word) => Math.max(n, width(word)), MIN_TEXT) : widths[j]!;
    });
    while (total() > maxWidth) {
      let widest = -1;
      widths.forEach((w, j) => {
        if (w > floor[j]! && (widest === -1 || w > widths[widest]!)) widest = j;
      });
      if (widest === -1) break;
      widths[widest]!--;
    }
    cells = cells.map((row) => row.map((lines, j) => lines.flatMap((l) => wrap(l, widths[j]!))));
    for (const row of cells) row.forEach((lines, j) => lines.forEach((l) => (widths[j] = Math.max(widths[j]!, width(l)))));
  }
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => "─".repeat(w + 2)).join(mid) + right;
  const out: string[] = [rule("┌", "┬", "┐")];
  const draw = (row: string[][]) => {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) out.push(`│${row.map((lines, j) => ` ${pad(lines[k] ?? "", widths[j]!)} `).join("│")}│`);
  };
  draw(cells[0]!);
  out.push(rule("├", "┼", "┤"));
  for (let i = 1; i < cells.length; i++) draw(cells[i]!);
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}
