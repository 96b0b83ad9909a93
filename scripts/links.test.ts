import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
export const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');

const anchors = (file: string): Set<string> =>
  new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => anchorOf(l.replace(/^#+ /, ''))),
  );

const markdown = (dir: string): string[] => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, dir, f));

/** The documents a reader follows from the README: every relative link must land on a file, and on a heading if it names one. */
const DOCUMENTS = [join(ROOT, 'README.md'), ...['docs', 'spec', 'decisions', 'bench'].flatMap(markdown)];

function brokenLinks(file: string, content = readFileSync(file, 'utf8')): string[] {
  const broken: string[] = [];
  const text = content.replace(/```[\s\S]*?```/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(target!)) continue;
    const [path, anchor] = target!.split('#') as [string, string | undefined];
    const to = path ? join(dirname(file), path) : file;
    if (!existsSync(to)) broken.push(`${target} (no such file)`);
    else if (anchor && to.endsWith('.md') && !anchors(to).has(anchor)) broken.push(`${target} (no such heading)`);
  }
  return broken;
}

describe('the documents link where they say', () => {
  it('makes anchors as GitHub does', () => {
    expect(anchorOf('Joins: synchronous and asynchronous refusals')).toBe('joins-synchronous-and-asynchronous-refusals');
    expect(anchorOf('`POST /clock`')).toBe('post-clock');
    expect(anchorOf('What a reset does to the clock, and to held ports')).toBe('what-a-reset-does-to-the-clock-and-to-held-ports');
  });

  it('reports a link to a heading or a file that is not there, and passes one that is', () => {
    const readme = join(ROOT, 'spec', 'README.md');
    const text = '[a](semantics.md#no-such-section) [b](no-such-file.md) [c](semantics.md#port-0) [d](https://example.com/x#y)';
    expect(brokenLinks(readme, text)).toEqual(['semantics.md#no-such-section (no such heading)', 'no-such-file.md (no such file)']);
  });

  it.each(DOCUMENTS.map((f) => [relative(ROOT, f), f]))('%s', (_name, file) => {
    expect(brokenLinks(file)).toEqual([]);
  });
});
