// Stand-in for linkify-it inside the CLI bundle. migrate-eval runs markdown-it with linkify and
// inline parsing off, so the link detector is constructed but never used; the real one compiles
// large regular expressions at start-up.
export class LinkifyIt {
  test() {
    return false;
  }
  pretest() {
    return false;
  }
  match() {
    return null;
  }
  set() {
    return this;
  }
}
