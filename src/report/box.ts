/**
 * Box tables for the terminal, drawn in one pass over the cells: time and memory linear in the
 * number of rows (a record may have thousands of metrics). Cells may hold colour and line breaks;
 * widths are display widths (Japanese and emoji take two columns), as the terminal shows them.
 */
import stringWidth from "string-width";

/** Display width of one line of a cell; plain ASCII needs no lookup. */
function width(line: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x7e]*$/.test(line) ? line.length : stringWidth(line);
}

const pad = (line: string, w: number) => line + " ".repeat(Math.max(0, w - width(line)));

export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const columns = Math.max(head.length, ...rows.map((r) => r.length));
  const widths = new Array<number>(columns).fill(0);
  const split = (row: readonly string[]) => Array.from({ length: columns }, (_, j) => (row[j] ?? "").split("\n"));
  const cells = [head, ...rows].map(split);
  for (const row of cells) row.forEach((lines, j) => lines.forEach((l) => (widths[j] = Math.max(widths[j]!, width(l)))));
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
