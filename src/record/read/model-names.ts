/**
 * Finding model names in text: the models a record already knows (by their full names, and by
 * short forms that name one of them only: `4o mini`, `Sonnet`), and names that look like models
 * (`Llama 3.1 405B`, `Command R+`, `o1-mini`) from a registry of model families.
 */
import { TextMemo } from "../memo.js";
import { normalizeText } from "../quantity/text.js";
import { withoutNotes } from "../registry/labels.js";

/** Model families, as they begin a model's name. Data: one word per family. */
export const FAMILIES: readonly string[] = [
  "gpt", "chatgpt", "claude", "gemini", "gemma", "llama", "codellama", "mistral", "mixtral", "ministral", "codestral", "pixtral",
  "magistral", "devstral", "qwen", "qwq", "phi", "deepseek", "command", "yi", "falcon", "grok", "jamba", "nemotron", "elyza", "swallow",
  "dbrx", "granite", "palm", "titan", "nova", "ernie", "glm", "chatglm", "baichuan", "internlm", "starcoder", "llava", "olmo",
  "solar", "stablelm", "mpt", "vicuna", "reka", "o1", "o3", "o4", "sonar", "kimi", "minimax", "hunyuan", "plamo", "sarashina", "tanuki",
];

/** Words that continue a model's name after its family. */
const VARIANTS = [
  "mini", "nano", "turbo", "pro", "flash", "lite", "haiku", "sonnet", "opus", "instruct", "chat", "large", "small", "medium",
  "tiny", "plus", "max", "ultra", "vision", "vl", "coder", "nemo", "preview", "latest", "exp", "omni", "r", "jp", "japanese",
  "reasoner", "thinking", "scout", "maverick",
];

/** Short forms of a known model that can stand for it alone when no other known model shares them. */
const DISTINCTIVE = new Set(["sonnet", "haiku", "opus", "flash", "pro", "turbo", "lite", "ultra", "mini", "nano", "nemo", "mixtral", "codestral", "pixtral", "qwen", "llama", "gemma", "deepseek", "claude", "gemini", "phi", "mistral", "command"]);

// A size is in B or M (`70B`, `350M`): `32k` after a name is a context window, `68%` a score, and
// `46.7B total` a parameter count.
const TOKEN = String.raw`(?:\d+x\d+b|\d+(?:\.\d+)?[bm](?![a-z0-9]|\s*(?:total|active|params?|parameters|dense|パラメータ))|\d+(?:\.\d+)*[on]?|v\d+(?:\.\d+)?|${VARIANTS.join("|")})\+?`;
/** A family word, then one or more version, size or variant words: `Llama 3.1 70B Instruct`. */
const DETECT = new RegExp(String.raw`(?<![a-z0-9])(?:${FAMILIES.join("|")})(?:[ \-_]?${TOKEN}(?![a-z0-9%]))+`, "gi");

const NO_SPANS: readonly NameSpan[] = Object.freeze([]);

/** The longest name read from text: real ones are a few words. */
const MAX_DETECTED = 80;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Patterns of name lists already built, by the list: the records of a batch mostly compare the
 * same few models. A pattern is only ever used from its first match to its last within one call.
 */
const PATTERNS = new TextMemo<{ pattern: RegExp; byKey: ReadonlyMap<string, string> }>();

export interface NameSpan {
  start: number;
  end: number;
  /** The known model's name, or the detected name as written. */
  name: string;
  known: boolean;
}

/**
 * Finds known names first (longest first), then detected ones in what is left. `known` is the
 * record's model names; short forms are derived from them here.
 */
export class ModelNames {
  /** One pattern of every known form, longest first; the match's parts, joined, give the name. */
  private pattern: RegExp | null = null;
  private byKey: ReadonlyMap<string, string> = new Map();
  private names: string[] = [];
  private readonly learned = new Set<string>();
  /** Spans already found, by text: readers ask for the same label or cell more than once. */
  private readonly found = new TextMemo<readonly NameSpan[]>();
  private changes = 0;

  constructor(names: readonly string[]) {
    for (const n of names) this.add(n);
  }

  add(name: string): void {
    if (this.names.includes(name)) return;
    this.names.push(name);
    this.pattern = null;
    this.found.clear();
    this.changes++;
  }

  /** Grows whenever the names change (one added, or a learnt one taking a shorter one's place). */
  get version(): number {
    return this.changes;
  }

  /**
   * A name met in the text rather than given by the record: a longer form met later
   * (`GPT-3.5 Turbo` after `GPT-3.5`) takes its place, and a short form of a name already
   * known adds nothing.
   */
  learn(name: string): void {
    const f = fold(name);
    if (this.names.some((n) => fold(withoutNotes(n)).startsWith(f))) return;
    const shorter = this.names.findIndex((n) => this.learned.has(n) && f.startsWith(fold(n)));
    if (shorter >= 0) {
      this.learned.delete(this.names[shorter]!);
      this.names.splice(shorter, 1);
      this.pattern = null;
      this.changes++;
    }
    this.learned.add(name);
    this.found.clear();
    this.add(name);
  }

  list(): readonly string[] {
    return this.names;
  }

  private build(): RegExp {
    const key = JSON.stringify(this.names);
    let built = PATTERNS.get(key);
    if (built === undefined) {
      built = buildPattern(this.names);
      PATTERNS.set(key, built);
    }
    this.byKey = built.byKey;
    return built.pattern;
  }

  /** Spans of model names in `text` (normalised), in order, not overlapping. */
  find(text: string): readonly NameSpan[] {
    const known = this.found.get(text);
    if (known !== undefined) return known;
    const spans = this.search(text);
    this.found.set(text, spans);
    return spans;
  }

  private search(text: string): readonly NameSpan[] {
    const spans: NameSpan[] = [];
    const re = (this.pattern ??= this.build());
    const lower = text.toLowerCase();
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const start = m.index;
      let end = start + m[0].length;
      const name = this.byKey.get(m[0].replace(/[\s\-_]/g, ""));
      if (name === undefined) continue;
      // `Mixtral 8x7B MoE`, `GPT-4o (API)`: a suffix that does not make another model.
      const suffix = /^[\s-](?:moe|instruct|chat|api|model|base|it)(?![a-z0-9])/.exec(lower.slice(end, end + 10));
      if (suffix) end += suffix[0].length;
      spans.push({ start, end, name, known: true });
      re.lastIndex = end;
    }
    DETECT.lastIndex = 0;
    for (let m = DETECT.exec(text); m; m = DETECT.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const name = text.slice(start, end).trim();
      // `gpt 4 4 4 …` thousands of times is not a name.
      if (name.length > MAX_DETECTED) continue;
      const inside = spans.filter((x) => start < x.end && end > x.start);
      // `Mistral Large` is not `Mistral Small` by its short form `Mistral`: a longer name
      // detected around a known one's short form is another model.
      // Only when what it adds names something (`Large`, `405B`): `mixtral 68` is the known `mixtral`.
      const longer = inside.length > 0 && inside.every((x) => x.start >= start && x.end <= end && x.end - x.start < end - start &&
        (!sameName(x.name, name) || this.learned.has(x.name)) &&
        /[a-z]/i.test(text.slice(start, x.start) + text.slice(x.end, end)));
      if (inside.length === 0) spans.push({ start, end, name, known: false });
      else if (longer) {
        for (const x of inside) spans.splice(spans.indexOf(x), 1);
        spans.push({ start, end, name, known: false });
      }
    }
    if (spans.length === 0) return NO_SPANS;
    return Object.freeze(spans.sort((a, b) => a.start - b.start).map((x) => Object.freeze(x)));
  }
}

/** One pattern of every form of the names, longest first, and the name each form's parts give. */
function buildPattern(names: readonly string[]): { pattern: RegExp; byKey: ReadonlyMap<string, string> } {
  const forms: Array<{ form: string; name: string }> = [];
  const counts = new Map<string, Set<string>>();
  const note = (form: string, name: string) => {
    const set = counts.get(form) ?? new Set();
    set.add(name);
    counts.set(form, set);
  };
  for (const name of names) {
    const bare = normalizeText(withoutNotes(name)).toLowerCase().trim();
    forms.push({ form: bare, name });
    const parts = bare.split(/[\s\-_]+/).filter((p) => p !== "");
    // `Qwen2.5 72B`: a family word glued to its version is two parts (`Qwen` alone names it).
    const glued = /^([a-z]+)(\d[\w.]*)$/.exec(parts[0] ?? "");
    if (glued && FAMILIES.includes(glued[1]!)) parts.splice(0, 1, glued[1]!, glued[2]!);
    // `4o mini`, `3.5 Sonnet`: the name without its family word — not `7b` or `3.1 70b`, which are sizes.
    const rest = parts.slice(1);
    if (parts.length >= 2 && FAMILIES.includes(parts[0]!) && rest.some((p) => !/^(?:\d+(?:\.\d+)*|\d+(?:\.\d+)?[bmk]|\d+x\d+b)$/.test(p))) note(rest.join(" "), name);
    for (const p of parts) if (DISTINCTIVE.has(p)) note(p, name);
    // `GPT-3.5` for `GPT-3.5 Turbo`, `Llama 3.1` for `Llama 3.1 70B`: a leading part that names one.
    for (let k = 2; k < parts.length; k++) if (FAMILIES.includes(parts[0]!)) note(parts.slice(0, k).join(" "), name);
    // Nicknames by size: `qwen32` for `Qwen2.5 32B`, `8x22` for `Mixtral 8x22B`.
    for (const p of parts.slice(1)) {
      const size = /^(\d+(?:\.\d+)?)b$/.exec(p);
      if (size && FAMILIES.includes(parts[0]!)) note(`${parts[0]} ${size[1]}`, name);
      const moe = /^(\d+x\d+)b$/.exec(p);
      if (moe) {
        note(moe[1]!, name);
        note(p, name);
      }
    }
  }
  for (const [form, owners] of counts) {
    // A short form standing for two known models names neither; nor one that is a full name elsewhere.
    if (owners.size === 1 && !forms.some((f) => f.form === form)) forms.push({ form, name: [...owners][0]! });
  }
  const byKey = new Map<string, string>();
  const bodies: string[] = [];
  for (const { form, name } of forms.sort((a, b) => b.form.length - a.form.length)) {
    const parts = form.split(/[\s\-_]+/).filter((p) => p !== "");
    const key = parts.join("");
    if (key.length < 2 || byKey.has(key)) continue;
    byKey.set(key, name);
    bodies.push(parts.map(escape).join(String.raw`[\s\-_]?`));
  }
  const body = bodies.length ? bodies.join("|") : "(?!)";
  return { pattern: new RegExp(String.raw`(?<![a-z0-9])(?:${body})(?![a-z0-9])`, "g"), byKey };
}

const fold = (s: string) => s.toLowerCase().replace(/[\s\-_.]/g, "");

/** Whether a detected name is a known one written another way (`GPT-4o-mini` for `GPT-4o mini`). */
function sameName(known: string, detected: string): boolean {
  const k = fold(withoutNotes(known));
  const d = fold(detected);
  return k === d || k.startsWith(d) || d.startsWith(k);
}

/** Whether a whole text (a table header, a line's label) is a model name, and which. */
export function nameOf(names: ModelNames, text: string): NameSpan | null {
  const t = normalizeText(withoutNotes(text)).trim();
  if (t === "") return null;
  const spans = names.find(t);
  if (spans.length !== 1) return null;
  const s = spans[0]!;
  return s.start === 0 && s.end >= t.replace(/[\s:：]+$/, "").length ? s : null;
}
