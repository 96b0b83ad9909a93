import { beforeAll, describe, expect, it } from 'vitest';
import { countFields, documentedCoverage, fieldGaps, loadReferenceFields } from '../../spec/objectFields.ts';
import { responseValidator, schemaValidator } from '../../spec/openapi.ts';
import { haveSamples, readSample, REAL_SAMPLES, SAMPLES_SKIP_REASON } from '../../spec/samples.ts';
import { collectObjectAnswers, type ObjectAnswers } from './testing/objectAnswers.ts';

let answers: ObjectAnswers;
// Collecting issues real certificates (key generations): on a busy machine that takes longer than
// a hook's default 10 s, so the hook has the tests' own limit.
beforeAll(async () => {
  answers = await collectObjectAnswers();
}, 60_000);

describe('the comparison itself', () => {
  it('names a missing field and a field of another type, through objects and array items', () => {
    const real = { a: 1, b: { c: 'x', d: [{ e: true }] }, f: [] };
    expect(fieldGaps(real, { a: 2, b: { c: 'y', d: [{ e: false }] }, f: [1], extra: 1 })).toEqual([]);
    expect(fieldGaps(real, { a: '1', b: { d: [{ e: 'no' }] }, f: [] })).toEqual(['/a: number in the real answer, string served', '/b/c: missing', '/b/d/0/e: boolean in the real answer, string served']);
    expect(countFields(real)).toEqual({ top: 3, all: 6 });
  });
});

describe('the mock answers with what a real cluster answers', () => {
  it.skipIf(!haveSamples())(`every field of each real answer, with its JSON type, recursively (skipped when ${SAMPLES_SKIP_REASON})`, () => {
    for (const { file, path } of REAL_SAMPLES) expect(fieldGaps(JSON.parse(readSample(file)), answers.get(path)), `GET ${path} against ${file}`).toEqual([]);
  });

  it('every object the reference documents, at least 90% of its fields, the rest listed with a reason', () => {
    for (const [name, doc] of Object.entries(loadReferenceFields())) {
      const served = answers.documented[name];
      expect(served?.length, `${name} was served`).toBeGreaterThan(0);
      const c = documentedCoverage(doc, served!);
      expect(c.unexplained, `${name}: documented fields neither served nor listed as missing`).toEqual([]);
      expect(c.listedButServed, `${name}: listed as missing, yet served`).toEqual([]);
      if (doc.minimum !== undefined) expect(doc.minimum_reason, `${name}: a lower minimum says why`).toBeTruthy();
      expect(c.share, `${name}: share of its documented fields served`).toBeGreaterThanOrEqual(doc.minimum ?? 0.9);
    }
  });

  it('every answer matches spec/openapi.yaml; the bootstrap status its schema', () => {
    const check = responseValidator();
    const outsideTheApi = (path: string) => path.startsWith('/hosts/') || path.startsWith('/control/');
    expect(answers.all.filter((a) => !outsideTheApi(a.path)).flatMap((a) => check(a.method, a.path, a.status, a.text))).toEqual([]);
    const schema = schemaValidator();
    for (const path of ['/hosts/host-1/v1/bootstrap', '/hosts/host-4/v1/bootstrap']) expect(schema('BootstrapStatus', answers.get(path)), path).toEqual([]);
  });
});
