/**
 * `npm run objects`: how much of the real objects the mock serves. For each real answer in
 * ../shared/reference/real-responses, its fields against the mock's answer to the same request;
 * for each object of spec/reference-fields.yaml, its documented fields against what the mock serves.
 */
import { countFields, documentedCoverage, fieldGaps, loadReferenceFields } from '../spec/objectFields.ts';
import { haveSamples, readSample, REAL_SAMPLES, SAMPLES_SKIP_REASON } from '../spec/samples.ts';
import { collectObjectAnswers } from '../mock/api/testing/objectAnswers.ts';

const answers = await collectObjectAnswers();
const lines: string[] = [];
if (!haveSamples()) lines.push(`real answers: not compared, ${SAMPLES_SKIP_REASON}`);
else {
  lines.push('real answer              real fields (nested)   served of them (nested)   mock fields (nested)');
  for (const { file, path } of REAL_SAMPLES) {
    const real = JSON.parse(readSample(file));
    const served = answers.get(path);
    const gaps = fieldGaps(real, served);
    const r = countFields(real);
    const missingTop = gaps.filter((g) => g.split('/').length === 2).length;
    const m = countFields(served);
    lines.push(
      `GET ${path.padEnd(20)} ${String(r.top).padStart(5)} (${r.all})`.padEnd(48) +
        `${String(r.top - missingTop).padStart(5)} (${r.all - gaps.length})`.padEnd(26) +
        `${String(m.top).padStart(5)} (${m.all})${gaps.length ? `   gaps: ${gaps.join('; ')}` : ''}`,
    );
  }
}
lines.push('', 'documented object     documented  served  share (unconditional)  not served');
for (const [name, doc] of Object.entries(loadReferenceFields())) {
  const c = documentedCoverage(doc, answers.documented[name] ?? []);
  const missing = Object.keys(doc.missing ?? {});
  lines.push(`${name.padEnd(22)}${String(c.documented).padStart(10)}${String(c.served).padStart(8)}  ${`${(c.share * 100).toFixed(1)}%`.padStart(21)}  ${missing.join(', ') || '-'}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
