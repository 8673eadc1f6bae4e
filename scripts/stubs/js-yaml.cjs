// Stand-in for js-yaml inside the bundle: gray-matter's default YAML engine is never called
// (migrate-eval passes its own engine), so any use of this module is a bug.
"use strict";
const unused = () => {
  throw new Error("js-yaml is not bundled: frontmatter is read with the yaml package");
};
module.exports = { load: unused, safeLoad: unused, dump: unused, safeDump: unused };
