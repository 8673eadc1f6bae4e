// Stands for markdown-it inside the CLI bundle: the same class, whose module (and the HTML
// entity tables it builds, some 3 ms) is evaluated when a record first needs it. The line
// scanner reads most records alone; markdown-it is for those with tabs, block quotes or
// indented code.
"use strict";
let MarkdownIt;
module.exports = function LazyMarkdownIt(options) {
  MarkdownIt ??= require("markdown-it").default;
  return new MarkdownIt(options);
};
