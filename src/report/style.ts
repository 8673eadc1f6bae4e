/**
 * How renderers colour text. The CLI decides once whether colour is on and hands over a Style;
 * renderers never look at the terminal or the environment.
 */
export interface Style {
  /** The width tables are fitted to (a terminal's columns); none means as wide as they are. */
  width?: number;
  bold: (s: string) => string;
  dim: (s: string) => string;
  good: (s: string) => string;
  bad: (s: string) => string;
  warn: (s: string) => string;
}

const same = (s: string) => s;
export const plainStyle: Style = { bold: same, dim: same, good: same, bad: same, warn: same };
