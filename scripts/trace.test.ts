import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, SPEC_DIR, type Requirement } from '../spec/catalog.ts';
import { propertyReferences } from '../conformance/requirements.ts';
import { buildTrace, testReferences, transitionReferences } from '../spec/trace.ts';

const root = join(SPEC_DIR, '..');

describe('traceability', () => {
  const catalog = loadCatalog();
  const trace = buildTrace(catalog, testReferences(root), transitionReferences(), propertyReferences());

  it('every MUST has a test or a written reason, every API-observable MUST a conformance property or a reason, and every reference names a known requirement', () => {
    expect(trace.problems).toEqual([]);
  });

  it('spec/TRACE.md is the trace of the current tree (npm run trace rewrites it)', () => {
    const committed = existsSync(join(SPEC_DIR, 'TRACE.md')) ? readFileSync(join(SPEC_DIR, 'TRACE.md'), 'utf8') : '';
    expect(committed === trace.markdown, 'spec/TRACE.md is stale: run npm run trace').toBe(true);
  });
});

const SHARED = join(root, '..', 'shared');

/** Document text as a reader sees it: markdown escapes gone, white space folded. */
const plain = (text: string) => text.replace(/\\([[\]|*_])/g, '$1').replace(/\s+/g, ' ');

describe('the catalogue against its sources', () => {
  it.skipIf(!existsSync(SHARED))('every quoted sentence is in the document it cites', () => {
    const missing = loadCatalog()
      .filter((r) => r.source.quote)
      .flatMap((r) => {
        const doc = plain(readFileSync(join(SHARED, r.source.doc), 'utf8'));
        const pieces = plain(r.source.quote!).split('…').map((p) => p.trim()).filter(Boolean);
        return pieces.filter((p) => !doc.includes(p)).map((p) => `${r.id}: "${p}" is not in ${r.source.doc}`);
      });
    expect(missing).toEqual([]);
  });
});

describe('the trace check itself', () => {
  // Fixture titles are built, never written out, so the scanner cannot count them as coverage.
  const titled = (id: string) => ({ id, file: 'a.test.ts', title: `[${id}] x` });
  const req = (over: Partial<Requirement>): Requirement => ({
    id: 'NODE-ADDR-001', level: 'MUST', status: 'accepted', source: { doc: 'seeds/multi-ip-ipv6.md', section: 'S' },
    text: 'A requirement text.', observable: 'api', file: 'x.yaml', ...over,
  });

  const checked = [{ id: 'NODE-ADDR-001', property: 'area x: Y' }];

  it('fails a MUST with neither a test nor a reason, and passes one with a reason', () => {
    expect(buildTrace([req({})], [], [], checked).problems).toHaveLength(1);
    expect(buildTrace([req({ unchecked: 'Operator action, not observable.' })], [], [], checked).problems).toEqual([]);
    expect(buildTrace([req({ level: 'SHOULD' })], [], []).problems).toEqual([]);
  });

  it('fails an API-observable MUST that no conformance property checks and no reason excuses', () => {
    const problems = (over: Partial<Requirement>, properties = checked) => buildTrace([req({ unchecked: 'Not by a test.', ...over })], [], [], properties).problems;
    expect(problems({}, [])).toEqual([expect.stringMatching(/checked by no conformance property/)]);
    expect(problems({ observable: 'control' }, [])).toHaveLength(1);
    expect(problems({ outsideSuite: 'The suite sees only the API.' }, [])).toEqual([]);
    expect(problems({ observable: 'none' }, [])).toEqual([]);
    expect(problems({ outsideSuite: 'The suite sees only the API.' })).toEqual([expect.stringMatching(/remove its outsideSuite reason/)]);
    expect(problems({}, [{ id: 'X-Y-001', property: 'p' }]).some((p) => p.includes('unknown requirement X-Y-001'))).toBe(true);
  });

  it('fails a test or a transition that names an unknown or withdrawn requirement', () => {
    expect(buildTrace([req({})], [titled('NODE-ADDR-999')], []).problems.some((p) => p.includes('unknown requirement NODE-ADDR-999'))).toBe(true);
    expect(buildTrace([req({})], [], [{ id: 'X-Y-001', transition: 't' }]).problems.some((p) => p.includes('X-Y-001'))).toBe(true);
    expect(buildTrace([req({ status: 'withdrawn' })], [titled('NODE-ADDR-001')], []).problems[0]).toMatch(/withdrawn/);
  });

  it('fails a reason that a test has made stale', () => {
    expect(buildTrace([req({ pending: 'Needs the mock cluster.' })], [titled('NODE-ADDR-001')], [], checked).problems[0]).toMatch(/has tests now/);
  });

  it('reads requirement IDs from test titles', () => {
    const refs = testReferences(join(SPEC_DIR, '..', 'machines'));
    const id = ['NODE', 'ADDR', '005'].join('-');
    expect(refs).toContainEqual({ id, file: 'node.machine.test.ts', title: `[${id}] the internal address cannot change while the node is active` });
    expect(refs.every((r) => r.file.endsWith('.test.ts') && r.title.includes(`[${r.id}]`))).toBe(true);
  });
});
