/**
 * Regenerates spec/TRACE.md (`npm run trace`), or with --check only compares it. Prints every
 * traceability problem and exits 1 if there is any.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, SPEC_DIR } from '../spec/catalog.ts';
import { propertyReferences } from '../conformance/requirements.ts';
import { buildTrace, testReferences, transitionReferences } from '../spec/trace.ts';

const root = join(SPEC_DIR, '..');
const trace = buildTrace(loadCatalog(), testReferences(root), transitionReferences(), propertyReferences());
const file = join(SPEC_DIR, 'TRACE.md');
const problems = [...trace.problems];
if (process.argv.includes('--write')) writeFileSync(file, trace.markdown);
else if (readFileSync(file, 'utf8') !== trace.markdown) problems.push('spec/TRACE.md is stale: run npm run trace');
for (const p of problems) console.error(p);
process.exitCode = problems.length ? 1 : 0;
