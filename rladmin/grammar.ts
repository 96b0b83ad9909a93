/**
 * rladmin's syntax is a tree of words with arguments in between (`node <id> addr set <ip>`).
 * Each command is declared by its usage line, written as the vendor documents write it, and that
 * line is also the pattern its words are matched against: the usage shown and the syntax
 * accepted cannot drift apart.
 *
 * A usage line is made of:
 * - `word`                 the word itself;
 * - `<name>`               one argument, checked by its name's type (`ARGUMENT_TYPES`);
 * - `<name> ...`           one or more of them, to the end of the line;
 * - `{ a | b }`            one of the words, kept under the name of the word before it;
 * - `[ ... ]`              an optional tail: absent, or all of it.
 */

export type Values = Readonly<Record<string, string | readonly string[]>>;

type Slot =
  | { readonly kind: 'word'; readonly word: string; readonly optional: boolean }
  | { readonly kind: 'arg'; readonly name: string; readonly many: boolean; readonly optional: boolean }
  | { readonly kind: 'choice'; readonly name: string; readonly words: readonly string[]; readonly optional: boolean };

export interface Pattern {
  readonly usage: string;
  readonly slots: readonly Slot[];
}

/** What an argument must look like to be taken; the cluster judges everything else. */
const ARGUMENT_TYPES: Readonly<Record<string, { readonly test: RegExp; readonly what: string }>> = {
  id: { test: /^[1-9]\d{0,9}$/, what: 'a node id (a whole number)' },
  port: { test: /^\d{1,10}$/, what: 'a port number' },
  ip: { test: /^\S+$/, what: 'an IP address' },
  db: { test: /^\S+$/, what: 'a database (db:<id> or its name)' },
};

export function compile(usage: string): Pattern {
  const tokens = usage.split(/\s+/).filter(Boolean);
  const slots: Slot[] = [];
  let optional = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '[') optional = true;
    else if (t === ']') continue;
    else if (t === '{') {
      const end = tokens.indexOf('}', i);
      const words = tokens.slice(i + 1, end).filter((w) => w !== '|');
      const before = slots.at(-1);
      slots.push({ kind: 'choice', name: before?.kind === 'word' ? before.word : 'choice', words, optional });
      i = end;
    } else if (t === '...') {
      const last = slots.pop();
      if (last?.kind !== 'arg') throw new Error(`'...' must follow an argument in '${usage}'`);
      slots.push({ ...last, many: true });
    } else if (/^<\w+>$/.test(t)) {
      const name = t.slice(1, -1);
      if (!ARGUMENT_TYPES[name]) throw new Error(`unknown argument type <${name}> in '${usage}'`);
      slots.push({ kind: 'arg', name, many: false, optional });
    } else slots.push({ kind: 'word', word: t, optional });
  }
  return { usage, slots };
}

export type Match =
  | { readonly ok: true; readonly values: Values }
  /**
   * `matched`: how many slots the words satisfied before the first problem, to rank near misses;
   * `expected` and `found` when the problem is a missing or different word, to merge near misses.
   */
  | { readonly ok: false; readonly matched: number; readonly problem: string; readonly expected?: string; readonly found?: string };

const describe = (slot: Slot): string =>
  slot.kind === 'word' ? `'${slot.word}'` : slot.kind === 'arg' ? `<${slot.name}>` : slot.words.join(' or ');

/** Matches the words of a command line against one pattern. */
export function match(pattern: Pattern, words: readonly string[]): Match {
  const values: Record<string, string | string[]> = {};
  let i = 0;
  let matched = 0;
  // The optional tail is absent or whole: once one of its words is given, the rest are needed.
  let tailStarted = false;
  for (const slot of pattern.slots) {
    if (i === words.length && slot.optional && !tailStarted) break;
    tailStarted ||= slot.optional;
    if (i === words.length) return { ok: false, matched, problem: `missing ${describe(slot)}`, expected: describe(slot) };
    const word = words[i]!;
    if (slot.kind === 'word') {
      if (word !== slot.word) return { ok: false, matched, problem: `expected ${describe(slot)}, not '${word}'`, expected: describe(slot), found: word };
      i++;
    } else if (slot.kind === 'choice') {
      if (!slot.words.includes(word)) return { ok: false, matched, problem: `${slot.name} must be ${describe(slot)}, not '${word}'` };
      values[slot.name] = word;
      i++;
    } else {
      const type = ARGUMENT_TYPES[slot.name]!;
      const taken = slot.many ? words.slice(i) : [word];
      const bad = taken.find((w) => !type.test.test(w));
      if (bad !== undefined) return { ok: false, matched, problem: `'${bad}' is not ${type.what}` };
      values[slot.name] = slot.many ? taken : word;
      i += taken.length;
    }
    matched++;
  }
  if (i < words.length) return { ok: false, matched, problem: `unexpected '${words[i]}'` };
  return { ok: true, values };
}

type Miss = Extract<Match, { ok: false }>;

/** One sentence for several equally near misses: `missing 'set', 'add' or 'remove'`. */
export function mergeProblems(misses: readonly Miss[]): string {
  const first = misses[0]!;
  const mergeable = misses.every((m) => m.expected !== undefined && m.found === first.found);
  if (!mergeable || misses.length === 1) return first.problem;
  const options = [...new Set(misses.map((m) => m.expected!))];
  const list = options.length === 1 ? options[0]! : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
  return first.found === undefined ? `missing ${list}` : `expected ${list}, not '${first.found}'`;
}
