import { runSuite } from './conformance/suite.ts';
import { inProcessTarget } from './conformance/target/inProcess.ts';
import { UNSENT_INPUTS } from './conformance/mutants/unsentInputs.ts';
const mutant = UNSENT_INPUTS.find((m) => m.name === 'stale-single-database-read')!;
const { control: _c, ...bare } = inProcessTarget({ mutant });
const sent: string[] = [];
const target = { ...bare, api: (m: string, p: string, b?: unknown) => (sent.push(`${m} ${p}`), bare.api(m, p, b)) };
const r = await runSuite(target, { seed: 42, failFast: true, areas: ['databases'] });
console.log(r.outcome, r.areas.map((a) => `${a.name} ${a.outcome} ${a.runs}`), r.failure?.error);
const counts = new Map<string, number>();
for (const s of sent) { const k = s.replace(/\d+/g, 'N').replace(/\?.*/, '?…'); counts.set(k, (counts.get(k) ?? 0) + 1); }
const s = sent.filter((x) => /bdbs\/\d+$/.test(x)); console.log(s.join('\n'));
await bare.close();
